import { distance } from 'fastest-levenshtein';
import { fold } from '../../nlu/fold.js';
import type { Locality, UnitDirectory } from '../units.js';

/** Who issued a plan, as its letterhead or first paragraph names it. */
export interface Issuer {
  kind: 'province' | 'district';
  /** "thành phố" for a centrally-run city, otherwise undefined ("tỉnh" / "huyện") */
  title?: string;
  /** as written, in title case ("Lâm Đồng"; OCR text without marks gives "Lam Dong") */
  name: string;
  /** the province named above a district's committee, or in the text */
  parent?: string;
}

const KINDS: Record<string, { kind: Issuer['kind']; title?: string }> = {
  tinh: { kind: 'province' },
  'thanh pho': { kind: 'province', title: 'thành phố' },
  tp: { kind: 'province', title: 'thành phố' },
  huyen: { kind: 'district' },
  'thi xa': { kind: 'district', title: 'thị xã' },
  quan: { kind: 'district', title: 'quận' },
};

/** Words that end a place name in a letterhead: the other column, the number line, the title. */
const STOP = new Set(['cong', 'doc', 'poc', 'pec', 'so', 'sb', 'sh', 'ke', 'hoach', 'ngay', 've', 'viec', 'tren', 'nhu', 'ban', 'thuc', 'trien', 'va']);

function titleCase(words: string): string {
  return words
    .toLocaleLowerCase('vi')
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => `${sep}${ch.toLocaleUpperCase('vi')}`);
}

/**
 * The committee a text names first ("UBND TỈNH LÂM ĐỒNG", "ỦY BAN NHÂN DÂN / TỈNH HẢI DƯƠNG" over two
 * lines beside the national motto, "Uy ban nhan dan tinh Ha Tinh" in OCR text), with the place name cut
 * where the other column or the next line begins. Found on the folded text; the name is taken from the
 * original at the same place, since folding NFC text keeps its length.
 */
function committee(original: string): Issuer | undefined {
  const text = original.normalize('NFC');
  const folded = fold(text)
    // the right-hand column of a letterhead: motto and national name run to the end of their line
    .replace(/\b(?:c\w{1,3}g\s+h\w{1,2}a\s+x\w\s+h\w{1,2}i|\w{2,3}c\s+[l1]\w?p\s*-)[^\n]*/g, (m) => ' '.repeat(m.length));
  const re = /(?:\b(?:uy|u)\s+ban\s+nhan\s+dan|\bubnd|\btren\s+dia\s+ban)[\s:]*(tinh|thanh\s+pho|tp\.?|huyen|thi\s+xa|quan)\s+(?=[a-z])/g;
  const found: (Issuer & { line: number })[] = [];
  for (const m of folded.matchAll(re)) {
    const kind = KINDS[m[1]!.replace(/\s+/g, ' ').replace('.', '')] ?? KINDS.tinh!;
    const name = placeName(text, m.index + m[0].length);
    if (!name) continue;
    found.push({ kind: kind.kind, ...(kind.title ? { title: kind.title } : {}), name: titleCase(name), line: folded.slice(0, m.index).split('\n').length });
    if (found.length === 2) break;
  }
  const [first, second] = found;
  if (!first) return undefined;
  // "UBND TỈNH THANH HÓA / UBND HUYỆN QUẢNG XƯƠNG": the district on the next line issued it
  if (second && first.kind === 'province' && second.kind === 'district' && second.line - first.line <= 2) {
    const { line: _l, ...district } = second;
    return { ...district, parent: first.name };
  }
  const { line: _line, ...issuer } = first;
  return issuer;
}

/**
 * The place name that starts at `at`: capitalised words (all of them in an upper-case letterhead), up to
 * a line end, a digit or punctuation, a gap of two spaces (the other column) or a word that cannot be part
 * of a name. Hyphens inside stay ("Bà Rịa - Vũng Tàu").
 */
function placeName(text: string, at: number): string | undefined {
  let end = at;
  let words = 0;
  for (const s of text.slice(at).matchAll(/\p{L}+|[^\p{L}]+/gu)) {
    const piece = s[0];
    if (!/\p{L}/u.test(piece)) {
      if (/\n|\d|[,;:.(]| {2,}|\t/.test(piece)) break;
      continue;
    }
    if (STOP.has(fold(piece)) || words >= 5 || (words > 0 && /^\p{Ll}/u.test(piece))) break;
    // in text written in mixed case a place name is capitalised: "tỉnh chỉ đạo" names no place
    if (words === 0 && /^\p{Ll}/u.test(piece) && /\p{Ll}/u.test(text.slice(Math.max(0, at - 40), at))) return undefined;
    words++;
    end = at + (s.index ?? 0) + piece.length;
  }
  const name = text.slice(at, end).replace(/\s+/g, ' ').trim();
  return name.length >= 2 ? name : undefined;
}

/** The place of the place-and-date line ("Lâm Đồng, ngày 14 tháng 4 năm 2025"), which cuts a letterhead name that ran on. */
function placeOfDateLine(head: string): string | undefined {
  for (const line of head.normalize('NFC').split('\n')) {
    const m = /([\p{L} ]{2,40}?),\s*ng[aà]y\s+\d{1,2}\s/iu.exec(line.replace(/^.*\s{2,}(?=\S)/, ''));
    if (m) return m[1]!.trim();
  }
  return undefined;
}

/** Reads the issuer from the first lines of a plan (letterhead), or else from its opening paragraph. */
export function readIssuer(text: string): Issuer | undefined {
  const head = text.slice(0, 2500);
  const found = committee(head.split('\n').slice(0, 12).join('\n')) ?? committee(head);
  if (!found) return undefined;
  const place = placeOfDateLine(head);
  if (place) {
    // the date line's place is the name without the words of another column that ran on
    const p = fold(place).split(/\s+/);
    const n = fold(found.name).split(/\s+/);
    if (p.length < n.length && p.every((w, i) => w === n[i])) found.name = found.name.split(/\s+/).slice(0, p.length).join(' ');
  }
  return found;
}

/** Equal words, or a letter apart on longer words (OCR). */
function sameWords(a: string, b: string): boolean {
  const x = fold(a).split(/\s+/);
  const y = fold(b).split(/\s+/);
  return x.length === y.length && x.every((w, i) => w === y[i] || (w.length >= 4 && distance(w, y[i]!) <= 1));
}

/** The known locality an issuer names, by its name or the names it is matched by (without "tỉnh"/"huyện"). */
export function knownLocality(issuer: Issuer, units: UnitDirectory): Locality | undefined {
  const bare = (s: string) => s.replace(/^(?:tỉnh|tinh|huyện|huyen|thành phố|thanh pho|tp)\s+/iu, '');
  return units.localities.find((l) => l.kind === issuer.kind && [l.name, ...l.match].some((m) => sameWords(bare(m), issuer.name)));
}
