import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../core/build.js';
import { agreement, type CheckedTask } from '../tasks/import/accuracy.js';
import { readPlan } from '../tasks/import/import-plan.js';
import { savePlan } from '../tasks/import/save-plan.js';
import { UnitDirectory } from '../tasks/units.js';
import { t } from './text.js';

const USAGE = 'import-plan FILE [--json] [--save [--replace] [--data DIR]] [--expect EXPECTED.json]';

export async function importPlanCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, save: { type: 'boolean' }, replace: { type: 'boolean' }, data: { type: 'string' }, expect: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) throw new Error(`${USAGE}\n${t('import_plan.needs_file')}`);
  const dataDir = values.data ?? join(PROJECT_ROOT, 'data');
  const units = UnitDirectory.load(join(dataDir, 'units.json'));
  const result = readPlan(file, readFileSync(file, 'utf8'), units);
  const list = result.list;
  if (values.json) {
    console.log(JSON.stringify(list, null, 2));
    return;
  }
  const { plan } = list;
  console.log(`${plan.issuer ?? '?'}${plan.number ? `, ${plan.number}` : ''}${plan.date ? t('import_plan.of_date', { date: plan.date }) : ''}`);
  if (plan.title) console.log(plan.title);
  console.log(`\n${t('import_plan.counts', { tasks: list.tasks.length, duties: list.duties.length, targets: list.targets.length })}\n`);
  for (const task of list.tasks) {
    const due = task.deadline.due ?? task.deadline.kind;
    console.log(`${task.code.padEnd(9)} ${due.padEnd(10)} ${task.title.slice(0, 70)}`);
    console.log(`${''.padEnd(20)} ${t('import_plan.lead', { units: task.lead.join('; ') || t('import_plan.none_found') })}`);
    if (task.support.length > 0) console.log(`${''.padEnd(20)} ${t('import_plan.support', { units: task.support.join('; ') })}`);
  }
  if (values.expect) {
    const expected = JSON.parse(readFileSync(values.expect, 'utf8')) as { tasks: CheckedTask[] };
    const a = agreement(list.tasks, expected.tasks);
    const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
    const against = t('import_plan.against', { file: values.expect, expected: a.expected, found: pct(a.found, a.expected), lead: pct(a.lead, a.found), support: pct(a.support, a.found), deadline: pct(a.deadline, a.found) });
    console.log(`\n${against}${a.misses.length > 0 ? `\n  ${a.misses.join('\n  ')}` : ''}`);
  }
  if (!values.save) {
    if (result.newLocality) console.log(`\n${t('import_plan.new_locality', { name: result.newLocality.name })}`);
    if (result.newUnits.length > 0) console.log(t('import_plan.new_units', { names: result.newUnits.map((u) => u.unit.name).join('; ') }));
    if (result.unknownNames.length > 0) console.log(`\n${t('import_plan.unknown_names', { names: result.unknownNames.join('; ') })}`);
    return;
  }
  const saved = savePlan(result, dataDir, values.replace ?? false);
  console.log(`\n${t('import_plan.saved', { file: saved.taskFile, tasks: list.tasks.length, duties: list.duties.length })}`);
  if (saved.addedLocality) console.log(t('import_plan.added_locality', { name: saved.addedLocality }));
  if (saved.addedUnits.length > 0) console.log(t('import_plan.added_units', { count: saved.addedUnits.length, names: saved.addedUnits.join('; ') }));
  if (saved.review.length > 0) console.log(`\n${t('import_plan.to_review')}\n  - ${saved.review.join('\n  - ')}`);
  else console.log(`\n${t('import_plan.nothing_to_review')}`);
  console.log(`\n${t('import_plan.live')}`);
}
