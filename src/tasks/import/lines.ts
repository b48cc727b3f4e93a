import { fold } from '../../nlu/fold.js';

/** Page-break noise of the plan texts: web links, page numbers, form feeds. */
export function isNoise(line: string): boolean {
  const t = line.trim();
  return /^https?:\/\//i.test(t) || /^\d{1,3}$/.test(t) || /^[-–_*.·\s]+$/.test(t) || /^trang \d+/i.test(fold(t));
}

export function linesOf(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n').split('\n');
}

export function joinText(lines: string[]): string {
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

/** Where the plan's annexes (phụ lục) begin, or the signature block ("Nơi nhận"), whichever comes first. */
export function bodyEnd(lines: string[]): number {
  const i = lines.findIndex((l) => /^\s*(?:phu luc\b|noi nh\w*\s*:)/.test(fold(l)));
  return i < 0 ? lines.length : i;
}
