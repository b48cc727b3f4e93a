import { fold } from '../../nlu/fold.js';
import type { UnitDirectory, UnitEntry } from '../units.js';

/** Words a unit's name starts with (folded): "Sở …", "Trung tâm …", "Ban Quản lý …", "Bưu điện …". */
export const UNIT_HEAD =
  /^(?:so|ban|phong|cong an|trung tam|hoi|doan|uy ban|ubnd|van phong|bao|dai|bo|cuc|chi cuc|vien|truong|benh vien|ngan hang|kho bac|buu dien|vien thong|toa an|lien doan|mat tran|bao hiem|dien luc|cong ty|tong cong ty|chi nhanh|thue|tinh doan|tinh uy|hoi dong|nha mang|viettel|vnpt|mobifone)(?![\p{L}\p{N}])/u;

/** Does a name as written look like a unit (capitalised, a unit's first word)? */
export function looksLikeUnit(name: string): boolean {
  return /^\p{Lu}/u.test(name) && UNIT_HEAD.test(fold(name)) && name.length <= 90;
}

/** A first guess at a new unit's kind, for the groups it belongs to; the reviewer corrects it. */
function kindOf(name: string): string {
  const f = fold(name);
  if (/^cong an/.test(f)) return 'police';
  if (/^van phong/.test(f)) return 'office';
  if (/^(?:so|phong|trung tam|ban)(?![\p{L}])/u.test(f)) return 'department';
  if (/^(?:hoi|doan|lien doan|mat tran|tinh doan|uy ban mat tran)(?![\p{L}])/u.test(f)) return 'mass';
  if (/^(?:bao|dai)(?![\p{L}])/u.test(f)) return 'media';
  return 'agency';
}

/**
 * The names of a plan's task lists that data/units.json does not know: those that look like a unit become
 * new units of the locality (marked for review), the rest are listed for a person to look at.
 */
export function newUnitsOf(names: string[], locality: string, units: UnitDirectory): { newUnits: { locality: string; unit: UnitEntry }[]; unknownNames: string[] } {
  const newUnits: { locality: string; unit: UnitEntry }[] = [];
  const unknownNames: string[] = [];
  for (const name of new Set(names)) {
    if (units.findUnit(name, locality) || units.groupOf(name)) continue;
    if (looksLikeUnit(name)) newUnits.push({ locality, unit: { name, kind: kindOf(name), aliases: [], review: true } });
    else unknownNames.push(name);
  }
  return { newUnits, unknownNames };
}
