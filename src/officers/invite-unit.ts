import { fold } from '../nlu/fold.js';
import { vnDate, type Succession } from '../tasks/succession.js';
import type { UnitDirectory } from '../tasks/units.js';

/** An invite that cannot be made as asked; the message says what to use instead. */
export class InviteError extends Error {}

/**
 * The unit an administrator names for an invite, as today's units: a locality or department that no
 * longer exists is refused with its successor, so new officers are registered under names that exist.
 * Asks for the locality when the unit exists in several.
 */
export function resolveInviteUnit(units: UnitDirectory, succession: Succession, name: string, locality?: string): { unit: string; locality: string } {
  const gone = succession.refusal(undefined, locality);
  if (gone) throw new InviteError(gone);
  const current = units.localities.filter((l) => !succession.localityChange(l.name));
  const wanted = locality ? fold(locality) : undefined;
  const localities = wanted ? current.filter((l) => fold(l.name) === wanted || l.match.some((m) => fold(m) === wanted)) : current;
  if (locality && localities.length === 0) throw new InviteError(`Unknown locality "${locality}". Known: ${current.map((l) => l.name).join(', ')}`);
  const district = units.groups.find((g) => g.members.includes('district'));
  const refusals: string[] = [];
  const hits = localities.flatMap((l) => {
    // in a centrally-run city "Công an thành phố" is the unit the provinces call "Công an tỉnh"
    const unit = units.findUnit(name, l.name) ?? (l.title === 'thành phố' ? units.findUnit(name.replace(/(?<!\p{L})(?:thành phố|thanh pho|TP)(?!\p{L})\.?/giu, 'tỉnh'), l.name) : undefined);
    const group = unit ? undefined : units.groupOf(name);
    const found = unit?.name ?? (group && fold(group.name) === fold(name) ? group.name : undefined);
    if (!found) return [];
    const refusal = found === district?.name ? districtRefusal(succession) : succession.refusal(found, undefined);
    if (refusal) {
      refusals.push(refusal);
      return [];
    }
    return [{ unit: found, locality: l.name }];
  });
  if (hits.length === 0 && refusals.length > 0) throw new InviteError(refusals[0]!);
  if (hits.length === 0) throw new InviteError(`No unit "${name}"${locality ? ` in ${locality}` : ''}. Units are listed in data/units.json.`);
  if (hits.length > 1) throw new InviteError(`"${name}" exists in ${hits.map((h) => h.locality).join(', ')}: add --locality NAME.`);
  return hits[0]!;
}

function districtRefusal(succession: Succession): string {
  const { since, label, steward } = succession.file.districts;
  return `${label} no longer exists since ${vnDate(since)}: its tasks are shown to every officer of the province, and ${steward} closes them.`;
}
