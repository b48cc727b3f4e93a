import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitFile } from '../units.js';
import type { ImportResult } from './import-plan.js';

/** What `import-plan --save` wrote. */
export interface Saved {
  taskFile: string;
  addedLocality?: string;
  addedUnits: string[];
  /** what a person should still check, also kept in the task file under "review" */
  review: string[];
}

export class SaveError extends Error {}

/** Writes through a temporary file and a rename, so that a running server never reads half a file. */
function writeJson(path: string, value: unknown, indent: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, indent)}\n`);
  renameSync(tmp, path);
}

/** The points of an imported plan a person should check before officers rely on it. */
export function reviewPoints(result: ImportResult): string[] {
  const { list } = result;
  const points: string[] = [];
  if (result.newLocality) points.push(`new locality "${result.newLocality.name}" (${result.newLocality.kind}${result.newLocality.parent ? ` of ${result.newLocality.parent}` : ''}): check its name and spelling in data/units.json`);
  for (const { unit } of result.newUnits) points.push(`new unit "${unit.name}" (kind ${unit.kind}) in ${list.plan.locality}: check its name, kind and aliases in data/units.json`);
  for (const name of result.unknownNames) points.push(`"${name}" is named as a unit but is not one of data/units.json: correct the task, or add it as a unit or group`);
  for (const t of list.tasks) {
    if (t.lead.length === 0) points.push(`task ${t.code}: no lead unit found`);
    if (t.deadline.kind === 'none') points.push(`task ${t.code}: no deadline found${t.deadline.text ? ` in "${t.deadline.text}"` : ''}`);
  }
  if (list.tasks.length === 0 && list.duties.length === 0) points.push('no tasks and no standing duties found: is this a plan?');
  if (!list.plan.number) points.push('the plan number (Số: …/KH-UBND) was not found');
  if (!list.plan.date) points.push('the date line (…, ngày … tháng … năm …) was not found');
  return points;
}

/**
 * Saves an imported plan: its task list to data/tasks/<id>.json (never over a list already there unless
 * `replace`, since that one may have been corrected by hand) and its new locality and units to
 * data/units.json, marked "review". A running server reads both within seconds.
 */
export function savePlan(result: ImportResult, dataDir: string, replace = false): Saved {
  const id = result.list.plan.id;
  if (!/^[\p{L}\p{N}_.-]+$/u.test(id) || id.startsWith('.')) throw new SaveError(`"${id}" cannot name a task file: rename the plan's file (letters, digits, _ . -)`);
  const taskFile = join(dataDir, 'tasks', `${id}.json`);
  if (existsSync(taskFile) && !replace) {
    throw new SaveError(`${taskFile} exists and may have been corrected by hand: compare it with "import-plan --json", then add --replace to overwrite it`);
  }
  const unitsPath = join(dataDir, 'units.json');
  const file = JSON.parse(readFileSync(unitsPath, 'utf8')) as UnitFile;
  const saved: Saved = { taskFile, addedUnits: [], review: reviewPoints(result) };
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
