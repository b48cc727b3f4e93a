import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitFile } from '../units.js';
import type { ImportResult } from './import-plan.js';

/** What `import-plan --save` wrote. */
export interface Saved {
  taskFile: string;
  addedLocality?: string;
  addedUnits: string[];
  /** what a person should still check, also kept in the task file under "review" (as `describe` words it) */
  review: string[];
}

/** A task list that cannot be saved: `problem` for the command line to word, the message in English. */
export type SaveProblem = { kind: 'bad_id'; id: string } | { kind: 'exists'; taskFile: string };

export class SaveError extends Error {
  constructor(readonly problem: SaveProblem) {
    super(
      problem.kind === 'bad_id'
        ? `"${problem.id}" cannot name a task file: rename the plan's file (letters, digits, _ . -)`
        : `${problem.taskFile} exists and may have been corrected by hand: compare it with "import-plan --json", then add --replace to overwrite it`,
    );
  }
}

/** A point of an imported plan a person should check before officers rely on it. */
export type ReviewPoint =
  | { kind: 'new_locality'; name: string; type: string; parent: string | undefined }
  | { kind: 'new_unit'; name: string; type: string; locality: string | null }
  | { kind: 'not_a_unit'; name: string }
  | { kind: 'no_lead'; code: string }
  | { kind: 'no_deadline'; code: string; text: string | undefined }
  | { kind: 'empty' }
  | { kind: 'no_number' }
  | { kind: 'no_date' };

/** A review point in English (the command line words it in the operator's language). */
export function englishPoint(p: ReviewPoint): string {
  switch (p.kind) {
    case 'new_locality':
      return `new locality "${p.name}" (${p.type}${p.parent ? ` of ${p.parent}` : ''}): check its name and spelling in data/units.json`;
    case 'new_unit':
      return `new unit "${p.name}" (kind ${p.type}) in ${p.locality}: check its name, kind and aliases in data/units.json`;
    case 'not_a_unit':
      return `"${p.name}" is named as a unit but is not one of data/units.json: correct the task, or add it as a unit or group`;
    case 'no_lead':
      return `task ${p.code}: no lead unit found`;
    case 'no_deadline':
      return `task ${p.code}: no deadline found${p.text ? ` in "${p.text}"` : ''}`;
    case 'empty':
      return 'no tasks and no standing duties found: is this a plan?';
    case 'no_number':
      return 'the plan number (Số: …/KH-UBND) was not found';
    case 'no_date':
      return 'the date line (…, ngày … tháng … năm …) was not found';
  }
}

/** Writes through a temporary file and a rename, so that a running server never reads half a file. */
function writeJson(path: string, value: unknown, indent: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, indent)}\n`);
  renameSync(tmp, path);
}

/** The points of an imported plan a person should check before officers rely on it. */
export function reviewPoints(result: ImportResult): ReviewPoint[] {
  const { list } = result;
  const points: ReviewPoint[] = [];
  if (result.newLocality) points.push({ kind: 'new_locality', name: result.newLocality.name, type: result.newLocality.kind, parent: result.newLocality.parent });
  for (const { unit } of result.newUnits) points.push({ kind: 'new_unit', name: unit.name, type: unit.kind, locality: list.plan.locality });
  for (const name of result.unknownNames) points.push({ kind: 'not_a_unit', name });
  for (const t of list.tasks) {
    if (t.lead.length === 0) points.push({ kind: 'no_lead', code: t.code });
    if (t.deadline.kind === 'none') points.push({ kind: 'no_deadline', code: t.code, text: t.deadline.text ?? undefined });
  }
  if (list.tasks.length === 0 && list.duties.length === 0) points.push({ kind: 'empty' });
  if (!list.plan.number) points.push({ kind: 'no_number' });
  if (!list.plan.date) points.push({ kind: 'no_date' });
  return points;
}

/**
 * Saves an imported plan: its task list to data/tasks/<id>.json (never over a list already there unless
 * `replace`, since that one may have been corrected by hand) and its new locality and units to
 * data/units.json, marked "review". A running server reads both within seconds.
 */
export function savePlan(result: ImportResult, dataDir: string, replace = false, describe: (point: ReviewPoint) => string = englishPoint): Saved {
  const id = result.list.plan.id;
  if (!/^[\p{L}\p{N}_.-]+$/u.test(id) || id.startsWith('.')) throw new SaveError({ kind: 'bad_id', id });
  const taskFile = join(dataDir, 'tasks', `${id}.json`);
  if (existsSync(taskFile) && !replace) throw new SaveError({ kind: 'exists', taskFile });
  const unitsPath = join(dataDir, 'units.json');
  const file = JSON.parse(readFileSync(unitsPath, 'utf8')) as UnitFile;
  const saved: Saved = { taskFile, addedUnits: [], review: reviewPoints(result).map(describe) };
  if (result.newLocality && !file.localities.some((l) => l.name === result.newLocality!.name)) {
    file.localities.push(structuredClone(result.newLocality));
    saved.addedLocality = result.newLocality.name;
  }
  for (const { locality, unit } of result.newUnits) {
    const place = file.localities.find((l) => l.name === locality);
    if (!place || place.units.some((u) => u.name === unit.name)) continue;
    place.units.push(structuredClone(unit));
    saved.addedUnits.push(unit.name);
  }
  if (saved.addedLocality || saved.addedUnits.length > 0) writeJson(unitsPath, file, 1);
  writeJson(taskFile, { ...result.list, ...(saved.review.length > 0 ? { review: saved.review } : {}) }, 2);
  return saved;
}
