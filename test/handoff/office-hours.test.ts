import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfficeHours, openingText } from '../../src/handoff/office-hours.js';
import { PROJECT_ROOT } from '../../src/core/build.js';

const hours = OfficeHours.load(join(PROJECT_ROOT, 'data/office-hours.json'));
/** A Vietnam wall-clock time as an instant (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('office hours (data/office-hours.json, Vietnam time)', () => {
  it('is open on a weekday morning, with the wait of the locality', () => {
    expect(hours.at('Đà Nẵng', vn('2026-11-23T09:00'))).toEqual({ open: true, answerWithinMinutes: 20 });
    expect(hours.at('da nang', vn('2026-11-23T09:00'))).toEqual({ open: true, answerWithinMinutes: 20 });
    expect(hours.at('Gia Lai', vn('2026-11-23T09:00'))).toEqual({ open: true, answerWithinMinutes: 30 }); // toàn tỉnh's
  });

  it('at lunch, in the evening, on Saturday afternoon and Sunday, names the next opening', () => {
    const next = (at: string) => {
      const o = hours.at('toàn tỉnh', vn(at));
      return o.open ? 'open' : openingText(o.next!, 'vi');
    };
    expect(next('2026-11-23T12:00')).toBe('13:30 thứ Hai 23/11');
    expect(next('2026-11-23T17:00')).toBe('07:30 thứ Ba 24/11');
    expect(next('2026-11-28T14:00')).toBe('07:30 thứ Hai 30/11');
    expect(next('2026-11-22T16:00')).toBe('07:30 thứ Hai 23/11');
  });

  it('skips holidays (Tết 2027 is not listed yet; 1 January is)', () => {
    const o = hours.at('toàn tỉnh', vn('2026-12-31T18:00'));
    expect(o.open).toBe(false);
    expect(openingText((o as { next: Date }).next, 'en')).toBe('07:30 Saturday 02/01');
  });

  it('refuses a file without the default entry or with a span that ends before it starts', () => {
    expect(() => new OfficeHours({})).toThrow(/toàn tỉnh/);
    expect(() => new OfficeHours({ 'toàn tỉnh': { days: { mon: [['17:00', '07:30']] }, holidays: [], answerWithinMinutes: 5 } })).toThrow(/ends before/);
  });
});
