import { readFileSync } from 'node:fs';
import { fold } from '../nlu/fold.js';
import { VIETNAM_OFFSET_MS, vietnamClock } from '../util/vietnam-time.js';

/** The queue of citizens whose locality is unknown, and the hours every locality without its own entry keeps. */
export const WHOLE_PROVINCE = 'toàn tỉnh';
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE = 60_000;

export interface LocalityHours {
  /** mon..sun → [from, to] in HH:MM, Vietnam time */
  days: Partial<Record<(typeof DAY_NAMES)[number], [string, string][]>>;
  /** YYYY-MM-DD, closed all day */
  holidays: string[];
  /** what citizens are told to expect while the office is open */
  answerWithinMinutes: number;
}

export type Opening = { open: true; answerWithinMinutes: number } | { open: false; next: Date | undefined };

/** A key that finds one locality whatever its spelling: "Đà Nẵng", "da nang", "ĐÀ NẴNG". */
export function localityKey(name: string): string {
  return fold(name).replace(/\s+/g, ' ').trim();
}

function minutesOf(hhmm: string, where: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`office hours: "${hhmm}" in ${where} is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Office hours per locality (data/office-hours.json), Vietnam time: whether staff answer now, and
 * when they next will. A locality without an entry keeps the hours of "toàn tỉnh".
 */
export class OfficeHours {
  private readonly byKey = new Map<string, LocalityHours>();

  constructor(entries: Record<string, LocalityHours>) {
    for (const [name, hours] of Object.entries(entries)) {
      if (name.startsWith('_')) continue;
      for (const [day, spans] of Object.entries(hours.days)) {
        if (!DAY_NAMES.includes(day as (typeof DAY_NAMES)[number])) throw new Error(`office hours: unknown day "${day}" in ${name}`);
        for (const [from, to] of spans) if (minutesOf(from, name) >= minutesOf(to, name)) throw new Error(`office hours: ${from}-${to} in ${name} ends before it starts`);
      }
      this.byKey.set(localityKey(name), hours);
    }
    if (!this.byKey.has(localityKey(WHOLE_PROVINCE))) throw new Error(`office hours: the "${WHOLE_PROVINCE}" entry is missing`);
  }

  static load(path: string): OfficeHours {
    return new OfficeHours(JSON.parse(readFileSync(path, 'utf8')) as Record<string, LocalityHours>);
  }

  hoursOf(locality: string): LocalityHours {
    return this.byKey.get(localityKey(locality)) ?? this.byKey.get(localityKey(WHOLE_PROVINCE))!;
  }

  /** Open now, or closed and the next opening (undefined when none in the next 60 days). */
  at(locality: string, now: Date): Opening {
    const hours = this.hoursOf(locality);
    const local = now.getTime() + VIETNAM_OFFSET_MS;
    const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
    const minuteOfDay = Math.floor((local - dayStart) / MINUTE);
    for (let d = 0; d < 60; d++) {
      const day = new Date(dayStart + d * 86_400_000);
      if (hours.holidays.includes(day.toISOString().slice(0, 10))) continue;
      const spans = (hours.days[DAY_NAMES[day.getUTCDay()]!] ?? []).map(([from, to]) => [minutesOf(from, locality), minutesOf(to, locality)] as const).sort((a, b) => a[0] - b[0]);
      for (const [from, to] of spans) {
        if (d === 0 && minuteOfDay >= from && minuteOfDay < to) return { open: true, answerWithinMinutes: hours.answerWithinMinutes };
        if (d > 0 || minuteOfDay < from) return { open: false, next: new Date(day.getTime() + from * MINUTE - VIETNAM_OFFSET_MS) };
      }
    }
    return { open: false, next: undefined };
  }
}

/** "07:30 thứ Hai 07/12" / "07:30 Monday 07/12", in Vietnam time. */
export function openingText(at: Date, language: 'vi' | 'en'): string {
  const local = vietnamClock(at);
  const hhmm = local.toISOString().slice(11, 16);
  const ddmm = `${local.toISOString().slice(8, 10)}/${local.toISOString().slice(5, 7)}`;
  const vi = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
  const en = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return `${hhmm} ${(language === 'vi' ? vi : en)[local.getUTCDay()]} ${ddmm}`;
}
