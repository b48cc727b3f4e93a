import { readFileSync } from 'node:fs';
import { fold } from '../nlu/fold.js';
import type { Unit, UnitDirectory } from './units.js';

/** A locality that no longer exists and the province that took it over. */
export interface LocalityChange {
  from: string;
  to: string;
  /** YYYY-MM-DD */
  since: string;
  note?: string;
}

/** A department that no longer exists: who took its tasks in full (`to`) and who took a part (`parts`). */
export interface UnitChange {
  from: string;
  to: string[];
  parts?: { unit: string; what: string }[];
  since: string;
}

/** A name that no longer exists, and what replaced it (worded for the operator by the command line). */
export type Refusal = { kind: 'locality_gone'; change: LocalityChange; district: boolean } | { kind: 'unit_gone'; change: UnitChange };

export interface SuccessionFile {
  localities: LocalityChange[];
  units: UnitChange[];
  districts: { since: string; label: string; police: string; steward: string };
}

/**
 * How a unit of today stands for a unit a plan names: itself; its successor in full (sees, lists and
 * closes); a successor of a part (sees, does not close); or a province officer shown a former district's
 * tasks (sees; the steward closes).
 */
export type Share = 'self' | 'full' | 'part' | 'district';

/** A unit whose tasks a unit of today holds: the plan's own unit (in its own locality) and how. */
export interface Seat {
  unit: Unit;
  share: Share;
  /** may close and note the tasks it leads through this seat */
  mayChange: boolean;
}

/** "2025-03-01" → "01/3/2025", the way the facts and Vietnamese documents write dates. */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${Number(m)}/${y}`;
}

/** The succession table (data/succession.json): old localities and departments, and who holds their tasks today. */
export class Succession {
  private readonly byLocality = new Map<string, LocalityChange>();
  private readonly byUnit = new Map<string, UnitChange>();

  constructor(
    readonly file: SuccessionFile,
    private readonly directory: UnitDirectory,
  ) {
    for (const l of file.localities) this.byLocality.set(fold(l.from), l);
    for (const u of file.units) this.byUnit.set(fold(u.from), u);
  }

  static load(path: string, directory: UnitDirectory): Succession {
    return new Succession(JSON.parse(readFileSync(path, 'utf8')) as SuccessionFile, directory);
  }

  /** None: for tests and tools that work on the plans' own units. */
  static none(directory: UnitDirectory): Succession {
    return new Succession({ localities: [], units: [], districts: { since: '', label: '', police: '', steward: '' } }, directory);
  }

  localityChange(name: string): LocalityChange | undefined {
    return this.byLocality.get(fold(name));
  }

  unitChange(name: string): UnitChange | undefined {
    return this.byUnit.get(fold(name));
  }

  /** Today's locality of a locality, following the changes (a chain of mergers ends in a place that exists). */
  today(locality: string): string {
    let name = locality;
    for (let hops = 0; hops < 10; hops++) {
      const change = this.localityChange(name);
      if (!change) return name;
      name = change.to;
    }
    return name;
  }

  /** The locality and every former locality now part of it. */
  localitiesOf(locality: string): string[] {
    return [locality, ...this.directory.localities.map((l) => l.name).filter((n) => n !== locality && this.today(n) === locality)];
  }

  private isDistrict(locality: string): boolean {
    return this.directory.localities.find((l) => l.name === locality)?.kind === 'district';
  }

  /**
   * The seats of a unit: itself, then the units of its own and former localities whose tasks it holds
   * today. A former locality's unit of the same name (kept departments), a merged department (in full or
   * in part), and the former districts (their committee as a group, their own units, their police).
   */
  seatsOf(unit: Unit): Seat[] {
    const seats: Seat[] = [{ unit, share: 'self', mayChange: true }];
    const { districts } = this.file;
    for (const locality of this.localitiesOf(unit.locality)) {
      const merged = locality !== unit.locality;
      if (this.isDistrict(locality)) {
        for (const old of this.directory.unitsOf(locality)) {
          const police = old.kind === 'police' && unit.name === districts.police;
          seats.push({ unit: old, share: police ? 'full' : 'district', mayChange: police || unit.name === districts.steward });
        }
        continue;
      }
      // district committees were abolished everywhere: a province's plans name them as a group
      const group = this.directory.groups.find((g) => g.members.includes('district'));
      if (group && districts.label) seats.push({ unit: { name: group.name, kind: 'district', locality, aliases: [] }, share: 'district', mayChange: unit.name === districts.steward });
      for (const old of this.directory.unitsOf(locality)) {
        if (old.name === unit.name) {
          if (merged) seats.push({ unit: old, share: 'full', mayChange: true });
          continue;
        }
        const change = this.unitChange(old.name);
        if (!change) continue;
        if (change.to.includes(unit.name)) seats.push({ unit: old, share: 'full', mayChange: true });
        else if (change.parts?.some((p) => p.unit === unit.name)) seats.push({ unit: old, share: 'part', mayChange: false });
      }
    }
    return seats;
  }

  /** Why a unit or locality name cannot be given to a new officer, with what to use instead; undefined when it exists. */
  refusal(unit: string | undefined, locality: string | undefined): Refusal | undefined {
    if (locality) {
      const change = this.localityChange(locality);
      if (change) return { kind: 'locality_gone', change, district: this.isDistrict(change.from) };
    }
    if (unit) {
      const change = this.unitChange(unit);
      if (change) return { kind: 'unit_gone', change };
    }
    return undefined;
  }
}
