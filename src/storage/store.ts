/**
 * The one storage interface of the assistant. Values are JSON. Namespaces keep
 * the kinds of data apart (sessions, officers, tasks, campaigns, dedupe...).
 * Implementations: embedded SQLite (one process) and Redis (several instances).
 */
export type Namespace =
  | 'session'
  | 'dedupe'
  | 'rate'
  | 'officer'
  | 'invite'
  | 'task'
  | 'audit'
  | 'campaign'
  | 'stats'
  | 'subscriber'
  | 'broadcast'
  | 'channel'
  | 'inbox'
  /** console accounts (tài khoản quản trị) */
  | 'account'
  /** example questions editors added from the console, until exported to data/examples */
  | 'example'
  /** conversations handed to staff (hỏi cán bộ): requests, claims, answers, the citizens' outboxes */
  | 'handoff'
  | 'test';

export interface Store {
  readonly kind: 'sqlite' | 'memory' | 'redis' | 'postgres' | 'routed';
  get<T>(ns: Namespace, key: string): Promise<T | undefined>;
  set<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<void>;
  delete(ns: Namespace, key: string): Promise<boolean>;
  /**
   * Flags: small values for claims, locks and first-contact records, read and written atomically.
   * Sets the flag only if it does not exist; true when this call set it (dedupe, one-time codes).
   */
  setIfAbsent<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<boolean>;
  /** Sets a flag whatever it held (a claim that becomes "done"). */
  setFlag<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<void>;
  /** Reads a flag set by `setIfAbsent` or `setFlag` (`get` reads only what `set` wrote). */
  getFlag<T>(ns: Namespace, key: string): Promise<T | undefined>;
  /** Removes a flag (a released lock). */
  deleteFlag(ns: Namespace, key: string): Promise<void>;
  /** Adds to a counter and returns the new total. Atomic. Counters are read with `count`, not `get`. */
  increment(ns: Namespace, key: string, by?: number, ttlMs?: number): Promise<number>;
  count(ns: Namespace, key: string): Promise<number>;
  /**
   * A ranked list (most frequent questions): adds `by` to the member's score, atomically, with at most `cap`
   * members: a new member of a full list replaces the lowest and starts from its score (see bumpRankedMap).
   */
  bumpRanked(ns: Namespace, key: string, member: string, by: number, cap: number): Promise<void>;
  /** The best members of a ranked list, highest score first. */
  topRanked(ns: Namespace, key: string, limit: number): Promise<RankedMember[]>;
  /** True when the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RankedMember {
  member: string;
  score: number;
}

/**
 * Adds to a member of a ranked list held as one map, at most `cap` members ("space saving"): a new
 * member of a full list takes the place of the lowest one and starts from that one's score, so a
 * question people keep asking climbs past a flood of one-off questions even when it comes after them
 * (its count is then an upper bound).
 */
export function bumpRankedMap(scores: Record<string, number>, member: string, by: number, cap: number): Record<string, number> {
  if (member in scores || Object.keys(scores).length < cap) return { ...scores, [member]: (scores[member] ?? 0) + by };
  const [lowest, low] = Object.entries(scores).reduce((a, b) => (b[1] < a[1] ? b : a));
  const { [lowest]: _dropped, ...rest } = scores;
  return { ...rest, [member]: low + by };
}

export function rankedTop(scores: Record<string, number> | undefined, limit: number): RankedMember[] {
  return Object.entries(scores ?? {})
    .map(([member, score]) => ({ member, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}
