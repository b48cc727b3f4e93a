import { fold } from '../nlu/fold.js';
import { vnDate, type Refusal, type Succession } from '../tasks/succession.js';
import type { UnitDirectory } from '../tasks/units.js';

/** Why an invite cannot be made as asked, with what to use instead. */
export type InviteProblem =
  | Refusal
  | { kind: 'district_gone'; label: string; since: string; steward: string }
  | { kind: 'unknown_locality'; locality: string; known: string[] }
  | { kind: 'no_unit'; name: string; locality: string | undefined }
  | { kind: 'ambiguous'; name: string; localities: string[] };

/** An invite that cannot be made as asked: `problem` for the command line to word, the message in English. */
export class InviteError extends Error {
  constructor(readonly problem: InviteProblem) {
    super(english(problem));
  }
}

function english(p: InviteProblem): string {
  switch (p.kind) {
    case 'locality_gone': {
      const { from, to, since, note } = p.change;
      return `${p.district ? `district ${from}` : from} no longer exists since ${vnDate(since)} (${note ?? `part of ${to}`}): use --locality "${to}"; officers there see ${from}'s tasks.`;
    }
    case 'unit_gone': {
      const { from, to, parts, since } = p.change;
      const part = parts?.length ? ` (${parts.map((x) => `${x.unit} for ${x.what}`).join('; ')})` : '';
      return `${from} no longer exists since ${vnDate(since)}: did you mean ${to.join(' or ')}${part}?`;
    }
    case 'district_gone':
      return `${p.label} no longer exists since ${vnDate(p.since)}: its tasks are shown to every officer of the province, and ${p.steward} closes them.`;
    case 'unknown_locality':
      return `Unknown locality "${p.locality}". Known: ${p.known.join(', ')}`;
    case 'no_unit':
      return `No unit "${p.name}"${p.locality ? ` in ${p.locality}` : ''}. Units are listed in data/units.json.`;
    case 'ambiguous':
      return `"${p.name}" exists in ${p.localities.join(', ')}: add --locality NAME.`;
  }
}

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
  if (locality && localities.length === 0) throw new InviteError({ kind: 'unknown_locality', locality, known: current.map((l) => l.name) });
  const district = units.groups.find((g) => g.members.includes('district'));
  const refusals: InviteProblem[] = [];
  const hits = localities.flatMap((l) => {
    // in a centrally-run city "Công an thành phố" is the unit the provinces call "Công an tỉnh"
    const unit = units.findUnit(name, l.name) ?? (l.title === 'thành phố' ? units.findUnit(name.replace(/(?<!\p{L})(?:thành phố|thanh pho|TP)(?!\p{L})\.?/giu, 'tỉnh'), l.name) : undefined);
    const group = unit ? undefined : units.groupOf(name);
    const found = unit?.name ?? (group && fold(group.name) === fold(name) ? group.name : undefined);
    if (!found) return [];
    const refusal: InviteProblem | undefined = found === district?.name ? { kind: 'district_gone', label: succession.file.districts.label, since: succession.file.districts.since, steward: succession.file.districts.steward } : succession.refusal(found, undefined);
    if (refusal) {
      refusals.push(refusal);
      return [];
    }
    return [{ unit: found, locality: l.name }];
  });
  if (hits.length === 0 && refusals.length > 0) throw new InviteError(refusals[0]!);
  if (hits.length === 0) throw new InviteError({ kind: 'no_unit', name, locality });
  if (hits.length > 1) throw new InviteError({ kind: 'ambiguous', name, localities: hits.map((h) => h.locality) });
  return hits[0]!;
}
