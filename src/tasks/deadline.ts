import { fold } from '../nlu/fold.js';

/** When a task is due: `due` is the last day allowed (thời hạn), null when there is no fixed date. */
export interface Deadline {
  kind: 'date' | 'ongoing' | 'external' | 'none';
  due: string | null;
  text: string;
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

function isDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate() && year >= 2000 && year <= 2100;
}

/**
 * Cuts what follows the deadline itself: a clause citing where the deadline comes from
 * ("đảm bảo thời hạn ... tại Chỉ thị số 05/CT-TTg ngày 23/02/2023") is not the deadline.
 */
function ownText(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const folded = fold(text);
  const cut = folded.search(/,?\s+dam bao\b/);
  return (cut > 0 ? text.slice(0, cut) : text).replace(/[\s.;,]+$/, '');
}

/** Dates named in a (folded) deadline text, in order; dates of cited documents are skipped. */
function datesIn(folded: string): { due: string; at: number; startsFrom: boolean }[] {
  const cleaned = folded.replace(/\b(?:chi thi|quyet dinh|ke hoach|cong van|nghi dinh|thong bao|thong tu)\b[^,;]*?\bngay \d{1,2}\/\d{1,2}\/\d{4}/g, (m) => ' '.repeat(m.length));
  const found: { due: string; at: number; startsFrom: boolean }[] = [];
  const startsFrom = (at: number) => /\bbat dau\s+(?:tu\s+)?(?:ngay|thang|quy|nam)?\s*$/.test(cleaned.slice(Math.max(0, at - 25), at));
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const add = (due: string, at: number, len: number) => {
    if (!free(at, at + len)) return;
    taken.push([at, at + len]);
    found.push({ due, at, startsFrom: startsFrom(at) });
  };
  for (const m of cleaned.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isDate(y, mo, d)) add(`${y}-${pad(mo)}-${pad(d)}`, m.index, m[0].length);
  }
  for (const m of cleaned.matchAll(/\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:\/|nam\s+)\s*(\d{4})\b/g)) {
    add(`${m[2]}-${QUARTER_END[ROMAN[m[1]!]! - 1]}`, m.index, m[0].length);
  }
  for (const m of cleaned.matchAll(/\b(\d{1,2})\s+thang\s+(?:dau|cuoi)\s+nam\s+(\d{4})\b/g)) {
    const months = Number(m[1]);
    if (months >= 1 && months <= 12) add(lastDayOfMonth(Number(m[2]), months), m.index, m[0].length);
  }
  for (const m of cleaned.matchAll(/\bthang\s+(\d{1,2})\s*(?:\/|nam\s+)\s*(\d{4})\b/g)) {
    const mo = Number(m[1]);
    if (mo >= 1 && mo <= 12) add(lastDayOfMonth(Number(m[2]), mo), m.index, m[0].length);
  }
  for (const m of cleaned.matchAll(/\b(\d{1,2})\/(\d{4})\b/g)) {
    const mo = Number(m[1]);
    if (mo >= 1 && mo <= 12) add(lastDayOfMonth(Number(m[2]), mo), m.index, m[0].length);
  }
  // a school year ("năm học 2025-2026") ends by 31 May of its second year
  for (const m of cleaned.matchAll(/\bnam hoc\s+(\d{4})\s*-\s*(\d{4})\b/g)) add(`${m[2]}-05-31`, m.index, m[0].length);
  for (const m of cleaned.matchAll(/\b(?:nam\s+)?(\d{4})\s*-\s*(\d{4})\b/g)) add(`${m[2]}-12-31`, m.index, m[0].length);
  for (const m of cleaned.matchAll(/\b(?:nam|cuoi nam|trong nam)\s+(\d{4})\b/g)) add(`${m[1]}-12-31`, m.index, m[0].length);
  return found.sort((a, b) => a.at - b.at);
}

/**
 * Reads a deadline as plans write it, with or without diacritics: "Quý I/2023", "tháng 02/2023",
 * "trước ngày 30/6/2024", "Năm 2024", "thường xuyên", "theo Kế hoạch của Bộ Công an"...
 */
export function parseDeadline(raw: string): Deadline {
  const text = ownText(raw);
  const folded = fold(text);
  const dates = datesIn(folded);
  const ongoing = /\b(?:th\w{2,4}ng xuyen|cac nam tiep theo|hang nam|hang thang|hang quy|dinh ky|lien tuc)\b/.test(folded);
  const external = /\b(?:theo k\w{0,2} hoach|theo h\w{2,4}ng dan|sau khi co|khi co (?:yeu cau|huong dan|chi dao)|theo chi dao|theo lo trinh cua|theo tien do cua)\b/.test(folded);

  if (/\bcac nam tiep theo\b/.test(folded)) return { kind: 'ongoing', due: null, text };
  const deadlines = dates.filter((d) => !d.startsFrom);
  if (deadlines.length > 0) {
    const due = deadlines.map((d) => d.due).sort().at(-1)!;
    return { kind: 'date', due, text };
  }
  if (ongoing) return { kind: 'ongoing', due: null, text };
  if (external) return { kind: 'external', due: null, text };
  return { kind: 'none', due: null, text };
}
