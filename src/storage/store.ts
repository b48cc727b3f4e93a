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
  /** True when the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}
