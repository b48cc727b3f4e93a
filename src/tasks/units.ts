import { readFileSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import { fold, hasVietnameseMarks } from '../nlu/fold.js';

/** A unit that plans assign tasks to (đơn vị), in one locality. */
export interface Unit {
  name: string;
  kind: string;
  locality: string;
  aliases: string[];
  /** added by `import-plan --save`: a person should check it */
  review?: boolean;
}

/** A collective name ("các sở, ban, ngành") whose tasks apply to each member unit. */
export interface UnitGroup {
  name: string;
  patterns: string[];
  /** unit kinds included; '*' is every unit of the locality */
  members: string[];
}

export interface Locality {
  name: string;
  kind: 'province' | 'district';
  /** how its People's Committee is named when not "tỉnh" / "huyện" ("thành phố") */
  title?: string;
  parent?: string;
  match: string[];
  /** added by `import-plan --save`: a person should check it */
  review?: boolean;
}

export interface UnitEntry {
  name: string;
  kind: string;
  aliases: string[];
  review?: boolean;
}

/** data/units.json as written. */
export interface UnitFile {
  about?: string;
  provinceUnits: UnitEntry[];
  localities: (Locality & { units: UnitEntry[] })[];
  groups: UnitGroup[];
}

/** A unit or group named in a text, with where it stands. */
export interface Mention {
  type: 'unit' | 'group';
  /** canonical unit name, or the group's own name */
  name: string;
  start: number;
  end: number;
}

interface Token {
  key: string;
  start: number;
  end: number;
}

const OCR_LETTERS: Record<string, string> = { '¢': 'o', '&': 'o', '@': 'e', '0': 'o', '6': 'o', '1': 'l', '4': 'a' };

/** Folds a word and undoes the usual OCR slips inside it ("S¢" → "so", "x4" → "xa"); pure numbers stay. */
function wordKey(word: string): string {
  const f = fold(word);
  if (/^\d+$/.test(f)) return f;
  return f.replace(/[¢&@0614]/g, (c) => OCR_LETTERS[c] ?? c);
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}¢&@]+/gu)].map((m) => ({ key: wordKey(m[0]), start: m.index, end: m.index + m[0].length }));
}

/** Equal, or a letter or two apart on longer words (OCR damage). */
function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 3) return false;
  return distance(a, b) <= (n >= 6 ? 2 : 1);
}

interface Pattern {
  keys: string[];
  type: 'unit' | 'group';
  name: string;
}

export class UnitDirectory {
  private readonly units = new Map<string, Unit[]>();
  private readonly patterns = new Map<string, Pattern[]>();
  /** group patterns as token keys, made once: groupOf is asked for every task a unit's list looks at */
  private readonly groupKeys: { group: UnitGroup; keys: string[] }[] = [];
  readonly localities: Locality[] = [];
  readonly groups: UnitGroup[] = [];
  private source!: UnitFile;

  constructor(file: UnitFile) {
    this.replaceWith(file);
  }

  /** The file this directory was made from. */
  get file(): UnitFile {
    return this.source;
  }

  /** This directory with more localities and units (a plan's new issuer and units, before they are saved). */
  extended(localities: UnitFile['localities'], units: { locality: string; unit: UnitEntry }[]): UnitDirectory {
    const file: UnitFile = structuredClone(this.source);
    file.localities.push(...structuredClone(localities));
    for (const { locality, unit } of units) file.localities.find((l) => l.name === locality)?.units.push(unit);
    return new UnitDirectory(file);
  }

  /** Takes the content of another file in place, so that every holder of this directory sees it (a reload). */
  replaceWith(file: UnitFile): void {
    this.source = file;
    this.units.clear();
    this.patterns.clear();
    this.localities.splice(0, this.localities.length, ...file.localities.map(({ units: _units, ...l }) => l));
    this.groups.splice(0, this.groups.length, ...file.groups);
    this.groupKeys.splice(0, this.groupKeys.length, ...file.groups.flatMap((group) => group.patterns.map((p) => ({ group, keys: tokenize(p).map((t) => t.key) }))));
    for (const loc of file.localities) {
      const template = loc.kind === 'province' ? file.provinceUnits : [];
      const units = [...template, ...loc.units].map((u) => ({
        name: u.name.replaceAll('{province}', loc.name),
        kind: u.kind,
        locality: loc.name,
        aliases: u.aliases.map((a) => a.replaceAll('{province}', loc.name)),
        ...(u.review ? { review: true } : {}),
      }));
      this.units.set(loc.name, units);
      const patterns: Pattern[] = [];
      for (const u of units) for (const a of [u.name, ...u.aliases]) patterns.push({ keys: tokenize(a).map((t) => t.key), type: 'unit', name: u.name });
      for (const g of file.groups) for (const p of g.patterns) patterns.push({ keys: tokenize(p).map((t) => t.key), type: 'group', name: g.name });
      patterns.sort((a, b) => b.keys.length - a.keys.length);
      this.patterns.set(loc.name, patterns);
    }
  }

  static load(path: string): UnitDirectory {
    return new UnitDirectory(JSON.parse(readFileSync(path, 'utf8')) as UnitFile);
  }

  unitsOf(locality: string): Unit[] {
    return this.units.get(locality) ?? [];
  }

  /** The locality a plan was issued in, from its first lines. */
  localityOf(text: string): Locality | undefined {
    const head = ` ${tokenize(text.slice(0, 3000)).map((t) => t.key).join(' ')} `;
    let best: { loc: Locality; at: number } | undefined;
    for (const loc of this.localities) {
      for (const m of loc.match) {
        const at = head.indexOf(` ${tokenize(m).map((t) => t.key).join(' ')} `);
        if (at >= 0 && (!best || at < best.at)) best = { loc, at };
      }
    }
    return best?.loc;
  }

  /** A unit of the locality by any of its names (case, diacritics and small slips ignored). */
  findUnit(name: string, locality: string): Unit | undefined {
    const mentions = this.mentions(name, locality);
    const only = mentions.length === 1 ? mentions[0] : undefined;
    if (!only || only.type !== 'unit') return undefined;
    return this.unitsOf(locality).find((u) => u.name === only.name);
  }

  /**
   * Every unit and group named in the text, longest names first, in reading order. Text without
   * diacritics (OCR output) is matched loosely, a letter or two per word; clean text exactly, so
   * that "kinh doanh" is never read as "Tỉnh Đoàn".
   */
  mentions(text: string, locality: string): Mention[] {
    const tokens = tokenize(text);
    const same = hasVietnameseMarks(text) ? (a: string, b: string) => a === b : similar;
    const patterns = this.patterns.get(locality) ?? [];
    const found: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = patterns.find((p) => p.keys.length > 0 && i + p.keys.length <= tokens.length && p.keys.every((k, j) => same(k, tokens[i + j]!.key)));
      if (!hit) {
        i++;
        continue;
      }
      const last = tokens[i + hit.keys.length - 1]!;
      found.push({ type: hit.type, name: hit.name, start: tokens[i]!.start, end: last.end });
      i += hit.keys.length;
    }
    return found;
  }

  /** The group a collective name belongs to, if it is one. */
  groupOf(name: string): UnitGroup | undefined {
    const key = tokenize(name).map((t) => t.key);
    return this.groupKeys.find(({ keys }) => keys.every((k, j) => key[j] !== undefined && similar(k, key[j]!)))?.group;
  }

  /** Does a name in a task's lead or support list cover this unit (itself, or a group it belongs to)? */
  covers(listed: string, unit: Unit): 'unit' | 'group' | undefined {
    if (listed === unit.name) return 'unit';
    const group = this.groupOf(listed);
    if (group && (group.members.includes('*') || group.members.includes(unit.kind) || group.name === unit.name)) return 'group';
    return undefined;
  }
}

/** A name as written, without its trailing qualifier ("UBND cấp xã theo phân cấp quản lý ..." → "UBND cấp xã"). */
function tidy(name: string): string {
  return name
    .replace(/\s+(?:theo|trong phạm vi|đối với)\s.*$/isu, '')
    .replace(/\s+/g, ' ').replace(/^[\s,;.:-]+|[\s,;.:-]+$/g, '').replace(/^(?:và|va)(?:\s+|$)/i, '');
}

/**
 * Splits a list of units as a plan writes it ("Công an tỉnh, Văn phòng UBND tỉnh và các sở, ban, ngành,
 * đoàn thể, địa phương liên quan") into canonical unit names and collective names as written. A group
 * runs to the next unit it is separated from; names not in the directory are kept as written.
 */
export function splitUnitList(text: string, locality: string, directory: UnitDirectory): string[] {
  const mentions = directory.mentions(text, locality);
  const names: string[] = [];
  const unknown = (segment: string) => {
    // "và" joins two units only when a unit's first word follows: "Sở Dân tộc và Tôn giáo" is one name
    for (const part of segment.split(/[,;]/u).flatMap((p) => p.split(/\s(?:và|va)\s(?=(?:Sở|Ban|Phòng|Công an|Trung tâm|UBND|Ủy ban|Văn phòng|Hội|Đoàn|Báo|Đài|Bưu điện|Viễn thông|Ngân hàng|Bảo hiểm|Thuế|Cục|Chi cục|các|cac|So|Cong an|Uy ban|Van phong|Hoi|Doan|Bao|Dai)\s)/iu))) {
      const name = tidy(part);
      if (/\p{L}{2,}/u.test(name)) names.push(name);
    }
  };
  let cursor = 0;
  mentions.forEach((m, i) => {
    if (m.start < cursor) return;
    unknown(text.slice(cursor, m.start));
    if (m.type === 'unit') {
      names.push(m.name);
      cursor = m.end;
      return;
    }
    const next = mentions[i + 1];
    let end = next ? next.start : text.length;
    if (next) {
      const between = text.slice(m.end, next.start);
      const lastSep = Math.max(between.lastIndexOf(','), between.lastIndexOf(';'), between.search(/\s(?:và|va)\s(?!.*\s(?:và|va)\s)/iu));
      if (lastSep >= 0) end = m.end + lastSep;
    }
    names.push(tidy(text.slice(m.start, end)));
    cursor = end;
  });
  unknown(text.slice(cursor));
  return [...new Set(names.filter((n) => n.length > 0))];
}
