import { fold } from '../../nlu/fold.js';
import type { PlanInfo } from '../types.js';
import type { Locality } from '../units.js';
import { isNoise } from './lines.js';

function pad(n: string): string {
  return n.padStart(2, '0');
}

/** Issuer, number, date and title from the plan's first lines (clean or OCR text). */
export function planInfo(id: string, lines: string[], locality: Locality | undefined): PlanInfo {
  const head = lines.slice(0, 40).join('\n');
  const folded = fold(head);
  // the plan's own number stands after "Số:" in the header (OCR: "Sb:", "SH:"); numbers of plans it cites do not
  const number = /\bs[a-z0-9]?\s*:\s*(\d{2,6})\s*\/\s*kh\s*-\s*ubnd\b/.exec(folded);
  const date = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/.exec(folded);
  const titleAt = lines.findIndex((l) => /^\s*ke hoach\s*$/.test(fold(l)));
  const title: string[] = [];
  if (titleAt >= 0) {
    for (const line of lines.slice(titleAt + 1, titleAt + 12)) {
      const t = line.trim();
      if (t === '' || isNoise(t)) continue;
      if (/^(?:thuc hien\b|thyc hien\b|can cu\b|ngay \d|de trien khai\b|be trien khai\b|[ivx]+\.\s)/.test(fold(t)) || title.length >= 4) break;
      title.push(t);
    }
  }
  return {
    id,
    issuer: locality ? `UBND ${locality.title ?? (locality.kind === 'province' ? 'tỉnh' : 'huyện')} ${locality.name}` : null,
    locality: locality ? (locality.parent ? `${locality.name}, ${locality.parent}` : locality.name) : null,
    number: number ? `${number[1]}/KH-UBND` : null,
    date: date ? `${date[3]}-${pad(date[2]!)}-${pad(date[1]!)}` : null,
    title: title.length > 0 ? title.join(' ').replace(/\s+/g, ' ') : null,
  };
}

/** Sentences of the plan that set numeric targets (mục tiêu, chỉ tiêu): they carry a percentage or a count of people. */
export function targetsOf(lines: string[]): string[] {
  const text = lines.filter((l) => !isNoise(l)).join(' ').replace(/\s+/g, ' ');
  const sentences = text.split(/(?<=[.;])\s+(?=[\p{Lu}\d-])/u);
  return sentences
    .filter((s) => /\d+(?:[.,]\d+)?\s?%/.test(s) && /\b(?:phan dau|dat|bao dam|dam bao|muc tieu|chi tieu|100)\b/.test(fold(s)))
    .map((s) => s.trim().replace(/^[-•]\s*/, ''))
    .filter((s) => s.length < 600)
    .slice(0, 12);
}

/** Sentences about periodic reports ("báo cáo ... hằng tháng, trước ngày 15"). */
export function reportingOf(lines: string[]): string[] {
  const text = lines.filter((l) => !isNoise(l)).join(' ').replace(/\s+/g, ' ');
  return text
    .split(/(?<=[.;])\s+/)
    .filter((s) => /bao cao/.test(fold(s)) && /\b(?:hang thang|hang quy|dinh ky|truoc ngay|hang nam|6 thang|dot xuat|hang tuan)\b/.test(fold(s)))
    .map((s) => s.trim())
    .slice(0, 6);
}
