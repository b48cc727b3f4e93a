/**
 * Import accuracy: each bundled plan against its reviewed list (data/tasks/, the gold list in data/gold/
 * when there is one), and the plans written for the tests against their hand-checked lists.
 *   npx tsx bench/import-accuracy.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/core/build.js';
import { agreement, describeAgreement, type CheckedTask } from '../src/tasks/import/accuracy.js';
import { readPlan } from '../src/tasks/import/import-plan.js';
import type { TaskList } from '../src/tasks/types.js';
import { UnitDirectory } from '../src/tasks/units.js';

const units = UnitDirectory.load(join(PROJECT_ROOT, 'data/units.json'));
const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const rows: [string, string, string][] = [];

for (const file of readdirSync(join(PROJECT_ROOT, 'data/plans')).filter((f) => f.endsWith('.txt')).sort()) {
  const id = file.replace(/\.txt$/, '');
  const gold = `data/gold/${id}.tasks.json`;
  const truth = JSON.parse(read(existsSync(join(PROJECT_ROOT, gold)) ? gold : `data/tasks/${id}.json`)) as { tasks: CheckedTask[] };
  const reviewed = JSON.parse(read(`data/tasks/${id}.json`)) as TaskList;
  const got = readPlan(file, read(`data/plans/${file}`), units).list;
  const duties = `duties ${got.duties.filter((d, i) => JSON.stringify(d) === JSON.stringify(reviewed.duties[i])).length}/${reviewed.duties.length}`;
  rows.push([id.slice(0, 3), `${got.plan.locality}`, `${describeAgreement(agreement(got.tasks, truth.tasks))}; ${duties}`]);
}
const fixtures = join(PROJECT_ROOT, 'test/fixtures/plans');
for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt')).sort()) {
  const expected = JSON.parse(readFileSync(join(fixtures, file.replace(/\.txt$/, '.expected.json')), 'utf8')) as { tasks: CheckedTask[] };
  const result = readPlan(file, readFileSync(join(fixtures, file), 'utf8'), units);
  const a = agreement(result.list.tasks, expected.tasks);
  rows.push([file.replace(/\.txt$/, ''), `${result.list.plan.locality}${result.newLocality ? ' (new)' : ''}`, `${describeAgreement(a)}; ${result.newUnits.length} new units${a.misses.length ? `; misses: ${a.misses.join('; ')}` : ''}`]);
}
for (const [plan, locality, figures] of rows) console.log(`${plan.padEnd(16)} ${locality.padEnd(24)} ${figures}`);
