import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../core/build.js';
import { agreement, describeAgreement, type CheckedTask } from '../tasks/import/accuracy.js';
import { readPlan } from '../tasks/import/import-plan.js';
import { savePlan } from '../tasks/import/save-plan.js';
import { UnitDirectory } from '../tasks/units.js';

const USAGE = 'import-plan FILE [--json] [--save [--replace] [--data DIR]] [--expect EXPECTED.json]';

export async function importPlanCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, save: { type: 'boolean' }, replace: { type: 'boolean' }, data: { type: 'string' }, expect: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) throw new Error(`${USAGE}\nimport-plan needs the plan FILE (a text file, e.g. data/plans/002_01a3136fc2457c7f.txt)`);
  const dataDir = values.data ?? join(PROJECT_ROOT, 'data');
  const units = UnitDirectory.load(join(dataDir, 'units.json'));
  const result = readPlan(file, readFileSync(file, 'utf8'), units);
  const list = result.list;
  if (values.json) {
    console.log(JSON.stringify(list, null, 2));
    return;
  }
  const { plan } = list;
  console.log(`${plan.issuer ?? '?'}${plan.number ? `, ${plan.number}` : ''}${plan.date ? ` of ${plan.date}` : ''}`);
  if (plan.title) console.log(plan.title);
  console.log(`\n${list.tasks.length} tasks, ${list.duties.length} standing duties, ${list.targets.length} targets\n`);
  for (const t of list.tasks) {
    const due = t.deadline.due ?? t.deadline.kind;
    console.log(`${t.code.padEnd(9)} ${due.padEnd(10)} ${t.title.slice(0, 70)}`);
    console.log(`${''.padEnd(20)} chủ trì: ${t.lead.join('; ') || '(none found)'}`);
    if (t.support.length > 0) console.log(`${''.padEnd(20)} phối hợp: ${t.support.join('; ')}`);
  }
  if (values.expect) {
    const expected = JSON.parse(readFileSync(values.expect, 'utf8')) as { tasks: CheckedTask[] };
    const a = agreement(list.tasks, expected.tasks);
    console.log(`\nAgainst ${values.expect}: ${describeAgreement(a)}${a.misses.length > 0 ? `\n  ${a.misses.join('\n  ')}` : ''}`);
  }
  if (!values.save) {
    if (result.newLocality) console.log(`\nNew locality (added with --save, to review): ${result.newLocality.name}`);
    if (result.newUnits.length > 0) console.log(`New units (added with --save, to review): ${result.newUnits.map((u) => u.unit.name).join('; ')}`);
    if (result.unknownNames.length > 0) console.log(`\nNames not in data/units.json (check them): ${result.unknownNames.join('; ')}`);
    return;
  }
  const saved = savePlan(result, dataDir, values.replace ?? false);
  console.log(`\nSaved ${saved.taskFile} (${list.tasks.length} tasks, ${list.duties.length} duties).`);
  if (saved.addedLocality) console.log(`Added the locality "${saved.addedLocality}" to data/units.json, marked "review": true.`);
  if (saved.addedUnits.length > 0) console.log(`Added ${saved.addedUnits.length} units to data/units.json, marked "review": true: ${saved.addedUnits.join('; ')}`);
  if (saved.review.length > 0) console.log(`\nTo review (also listed under "review" in the task file):\n  - ${saved.review.join('\n  - ')}`);
  else console.log('\nNothing left to review.');
  console.log('\nA running assistant reads the new files within a few seconds; no restart is needed.');
}
