import type { Store } from '../storage/store.js';
import { printable } from '../util/redact.js';

/** One administrative action (nhật ký quản trị): who, when, what, on what. Never a password, code or message text. */
export interface AdminAction {
  at: string;
  /** the account name, or "cli" for the command line */
  by: string;
  action: string;
  /** what it acted on: an account name, a campaign code, a task, a broadcast id */
  target?: string;
  /** a short, non-personal detail (a role, a count) */
  detail?: string;
}

/** The administrators' audit log, kept for good next to the tasks' audit log (namespace audit, PostgreSQL when set). */
export class AdminAudit {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async record(by: string, action: string, target?: string, detail?: string): Promise<AdminAction> {
    const entry: AdminAction = {
      at: this.clock().toISOString(),
      by: printable(by).slice(0, 80),
      action,
      ...(target ? { target: printable(target).slice(0, 200) } : {}),
      ...(detail ? { detail: printable(detail).slice(0, 200) } : {}),
    };
    const seq = await this.store.increment('audit', 'admin:count');
    await this.store.set('audit', `admin:${seq}`, entry);
    return entry;
  }

  /** The latest actions, newest first. */
  async recent(limit = 100): Promise<AdminAction[]> {
    const count = await this.store.count('audit', 'admin:count');
    const seqs = Array.from({ length: Math.min(limit, count) }, (_, i) => count - i);
    const entries = await Promise.all(seqs.map((n) => this.store.get<AdminAction>('audit', `admin:${n}`)));
    return entries.filter((e): e is AdminAction => e !== undefined);
  }
}
