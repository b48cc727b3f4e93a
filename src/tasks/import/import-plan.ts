import { basename } from 'node:path';
import type { TaskList } from '../types.js';
import type { UnitDirectory } from '../units.js';
import { bodyEnd, linesOf } from './lines.js';
import { readOutline } from './outline.js';
import { outlineTasks } from './outline-tasks.js';
import { planInfo, reportingOf, targetsOf } from './plan-info.js';
import { taskAnnex, tableTasks } from './table.js';

export class ImportError extends Error {}

/**
 * Reads a plan's text into its task list for people to review. Handles the three layouts of the plans:
 * numbered sections with fields, tasks grouped under "<unit> chủ trì", and a task table in an annex.
 */
export function importPlan(fileName: string, text: string, units: UnitDirectory): TaskList {
  if (text.trim().length < 200) throw new ImportError(`${fileName}: too short to be a plan (${text.trim().length} characters)`);
  const lines = linesOf(text);
  const locality = units.localityOf(text);
  if (!locality) {
    throw new ImportError(`${fileName}: cannot tell which province or district issued this plan; add it to data/units.json (localities[].match)`);
  }
  const body = lines.slice(0, bodyEnd(lines));
  const { tasks, duties } = outlineTasks(readOutline(body), locality.name, units);
  const annex = taskAnnex(lines);
  if (annex) tasks.push(...tableTasks(annex, locality.name, units));
  return {
    plan: planInfo(basename(fileName).replace(/\.[^.]+$/, ''), lines, locality),
    tasks,
    duties,
    targets: targetsOf(lines),
    reporting: reportingOf(lines),
  };
}
