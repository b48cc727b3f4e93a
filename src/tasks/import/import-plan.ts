import { basename } from 'node:path';
import type { TaskList } from '../types.js';
import type { Locality, UnitDirectory, UnitEntry, UnitFile } from '../units.js';
import { cellTableTasks } from './cell-table.js';
import { knownLocality, readIssuer } from './letterhead.js';
import { bodyEnd, linesOf } from './lines.js';
import { readOutline } from './outline.js';
import { outlineTasks } from './outline-tasks.js';
import { planInfo, reportingOf, targetsOf } from './plan-info.js';
import { taskAnnex, tableTasks } from './table.js';
import { newUnitsOf } from './new-units.js';

/** A text that cannot be read as a plan: `problem` for the command line to word, the message in English. */
export type ImportProblem = { kind: 'no_issuer'; file: string } | { kind: 'too_short'; file: string; length: number };

export class ImportError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(
      problem.kind === 'no_issuer'
        ? `${problem.file}: cannot tell which province or district issued this plan: the text has no letterhead ("UBND TỈNH …") and names no known locality`
        : `${problem.file}: too short to be a plan (${problem.length} characters)`,
    );
  }
}

/** A plan read for review, with what it adds to data/units.json. */
export interface ImportResult {
  list: TaskList;
  /** the issuer, when data/units.json did not know it: added, marked for review */
  newLocality?: UnitFile['localities'][number];
  /** units the plan names that data/units.json did not know: added to the issuer's locality, marked for review */
  newUnits: { locality: string; unit: UnitEntry }[];
  /** names in the lead and coordinating lists that do not look like a unit (a person decides) */
  unknownNames: string[];
}

/**
 * The locality that issued a plan: from its letterhead ("UBND TỈNH …", "UY BAN NHAN DAN / HUYEN …"), or
 * its first paragraph ("trên địa bàn tỉnh …"), matched to data/units.json; a place it does not know
 * becomes a new locality to review. Without a letterhead, a known locality named in the first lines.
 */
function issuerOf(fileName: string, text: string, units: UnitDirectory): { locality: Locality; added?: ImportResult['newLocality'] } {
  const issuer = readIssuer(text);
  const known = issuer ? knownLocality(issuer, units) : units.localityOf(text);
  if (known) return { locality: known };
  if (!issuer) throw new ImportError({ kind: 'no_issuer', file: fileName });
  const parent = issuer.parent ? (knownLocality({ kind: 'province', name: issuer.parent }, units)?.name ?? issuer.parent) : undefined;
  const title = issuer.title ?? (issuer.kind === 'province' ? 'tỉnh' : 'huyện');
  const added = {
    name: issuer.name,
    kind: issuer.kind,
    ...(issuer.title ? { title: issuer.title } : {}),
    ...(parent ? { parent } : {}),
    match: [`${title} ${issuer.name}`, issuer.name],
    review: true,
    units: [],
  };
  const { units: _none, ...locality } = added;
  return { locality, added };
}

/**
 * Reads a plan's text into its task list for people to review. Handles the layouts of the plans seen so
 * far: numbered sections with fields (on their own lines or inside a line), tasks grouped under "<unit>
 * chủ trì", a table flattened into lines in an annex, and tables whose rows keep their cells ("| … |").
 */
export function readPlan(fileName: string, text: string, directory: UnitDirectory): ImportResult {
  if (text.trim().length < 200) throw new ImportError({ kind: 'too_short', file: fileName, length: text.trim().length });
  const lines = linesOf(text);
  const { locality, added } = issuerOf(fileName, text, directory);
  const units = added ? directory.extended([added], []) : directory;
  const body = lines.slice(0, bodyEnd(lines));
  const { tasks, duties } = outlineTasks(readOutline(body), locality.name, units);
  tasks.push(...cellTableTasks(body, locality.name, units));
  const annex = taskAnnex(lines);
  if (annex) tasks.push(...tableTasks(annex, locality.name, units), ...cellTableTasks(annex, locality.name, units));
  const list: TaskList = {
    plan: planInfo(basename(fileName).replace(/\.[^.]+$/, ''), lines, locality),
    tasks,
    duties,
    targets: targetsOf(lines),
    reporting: reportingOf(lines),
  };
  const names = [...tasks.flatMap((t) => [...t.lead, ...t.support]), ...duties.map((d) => d.unit)];
  const { newUnits, unknownNames } = newUnitsOf(names, locality.name, units);
  return { list, ...(added ? { newLocality: added } : {}), newUnits, unknownNames };
}

export function importPlan(fileName: string, text: string, units: UnitDirectory): TaskList {
  return readPlan(fileName, text, units).list;
}
