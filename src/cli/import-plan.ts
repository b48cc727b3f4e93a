import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../core/build.js';
import { agreement, type CheckedTask } from '../tasks/import/accuracy.js';
import { ImportError, readPlan, type ImportProblem } from '../tasks/import/import-plan.js';
import { SaveError, savePlan, type ReviewPoint, type SaveProblem } from '../tasks/import/save-plan.js';
import { UnitDirectory } from '../tasks/units.js';
import { t } from './text.js';

const USAGE = 'import-plan FILE [--json] [--save [--replace] [--data DIR]] [--expect EXPECTED.json]';

/** Why a plan cannot be read or saved, in the operator's language. */
function describeProblem(p: ImportProblem | SaveProblem): string {
  switch (p.kind) {
    case 'no_issuer':
      return t('import_plan.no_issuer', { file: p.file });
    case 'too_short':
      return t('import_plan.too_short', { file: p.file, length: p.length });
    case 'bad_id':
      return t('import_plan.bad_id', { id: p.id });
    case 'exists':
      return t('import_plan.exists', { file: p.taskFile });
  }
}

/** A point to review, in the operator's language (printed, and kept so in the task file). */
function describePoint(p: ReviewPoint): string {
  switch (p.kind) {
    case 'new_locality': {
      const type = p.type === 'province' || p.type === 'district' ? t(`import_plan.locality_kind.${p.type}`) : p.type;
      return t('import_plan.point.new_locality', { name: p.name, type, parent: p.parent ? t('import_plan.point.parent', { parent: p.parent }) : '' });
    }
    case 'new_unit':
      return t('import_plan.point.new_unit', { name: p.name, type: p.type, locality: String(p.locality) });
    case 'not_a_unit':
      return t('import_plan.point.not_a_unit', { name: p.name });
    case 'no_lead':
      return t('import_plan.point.no_lead', { code: p.code });
    case 'no_deadline':
      return t('import_plan.point.no_deadline', { code: p.code, where: p.text ? t('import_plan.point.in_text', { text: p.text }) : '' });
    default:
      return t(`import_plan.point.${p.kind}`);
  }
}

/** `run()`, with the importer's own errors worded for the operator. */
function worded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw err instanceof ImportError || err instanceof SaveError ? new Error(describeProblem(err.problem)) : err;
  }
}

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
  const result = worded(() => readPlan(file, readFileSync(file, 'utf8'), units));
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
    const due = task.deadline.due ?? (task.deadline.kind === 'date' ? '?' : t(`import_plan.deadline.${task.deadline.kind}`));
    console.log(`${task.code.padEnd(9)} ${due.padEnd(12)} ${task.title.slice(0, 70)}`);
    console.log(`${''.padEnd(22)} ${t('import_plan.lead', { units: task.lead.join('; ') || t('import_plan.none_found') })}`);
    if (task.support.length > 0) console.log(`${''.padEnd(22)} ${t('import_plan.support', { units: task.support.join('; ') })}`);
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
  const saved = worded(() => savePlan(result, dataDir, values.replace ?? false, describePoint));
  console.log(`\n${t('import_plan.saved', { file: saved.taskFile, tasks: list.tasks.length, duties: list.duties.length })}`);
  if (saved.addedLocality) console.log(t('import_plan.added_locality', { name: saved.addedLocality }));
  if (saved.addedUnits.length > 0) console.log(t('import_plan.added_units', { count: saved.addedUnits.length, names: saved.addedUnits.join('; ') }));
  if (saved.review.length > 0) console.log(`\n${t('import_plan.to_review')}\n  - ${saved.review.join('\n  - ')}`);
  else console.log(`\n${t('import_plan.nothing_to_review')}`);
  console.log(`\n${t('import_plan.live')}`);
}
