import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../core/build.js';
import { importPlan } from '../tasks/import/import-plan.js';
import { UnitDirectory } from '../tasks/units.js';

export async function importPlanCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('import-plan needs the plan FILE (a text file, e.g. data/plans/002_01a3136fc2457c7f.txt)');
  const units = UnitDirectory.load(join(PROJECT_ROOT, 'data/units.json'));
  const list = importPlan(file, readFileSync(file, 'utf8'), units);
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
  const unknown = new Set(list.tasks.flatMap((t) => [...t.lead, ...t.support]).filter((n) => !units.findUnit(n, plan.locality?.split(',')[0] ?? '') && !units.groupOf(n)));
  if (unknown.size > 0) console.log(`\nNames not in data/units.json (check them): ${[...unknown].join('; ')}`);
}
