import type { Task } from '../types.js';

/** A task as a hand-checked list gives it: the title is not compared. */
export type CheckedTask = Pick<Task, 'code' | 'lead' | 'support'> & { deadline: Pick<Task['deadline'], 'kind' | 'due'> };

export interface Agreement {
  expected: number;
  found: number;
  lead: number;
  support: number;
  deadline: number;
  /** codes found with a different lead, support or deadline, and codes not found */
  misses: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** How many expected tasks the importer found (by code), and of those how many have the same leads, supports and deadline. */
export function agreement(found: Task[], expected: CheckedTask[]): Agreement {
  const byCode = new Map(found.map((t) => [t.code, t]));
  const result: Agreement = { expected: expected.length, found: 0, lead: 0, support: 0, deadline: 0, misses: [] };
  for (const t of expected) {
    const got = byCode.get(t.code);
    if (!got) {
      result.misses.push(`${t.code}: not found`);
      continue;
    }
    result.found++;
    const checks = { lead: same(got.lead, t.lead), support: same(got.support, t.support), deadline: got.deadline.kind === t.deadline.kind && got.deadline.due === t.deadline.due };
    for (const [k, ok] of Object.entries(checks)) if (ok) result[k as 'lead' | 'support' | 'deadline']++;
    const wrong = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
    if (wrong.length > 0) result.misses.push(`${t.code}: ${wrong.join(', ')}`);
  }
  return result;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

/** "18 tasks: found 100.0%, leads 100.0%, support 100.0%, deadlines 100.0%" (leads, support, deadlines of those found). */
export function describeAgreement(a: Agreement): string {
  return `${a.expected} tasks: found ${pct(a.found, a.expected)}, leads ${pct(a.lead, a.found)}, support ${pct(a.support, a.found)}, deadlines ${pct(a.deadline, a.found)}`;
}
