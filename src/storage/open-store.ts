import { LocalStore } from './local-store.js';
import { PostgresStore } from './postgres-store.js';
import { RedisStore } from './redis-store.js';
import type { Namespace, Store } from './store.js';

export interface StoreSettings {
  REDIS_URL?: string | undefined;
  DATA_DIR?: string | undefined;
  DATABASE_URL?: string | undefined;
}

/** What DATABASE_URL takes over: officers, task status, the audit log, console accounts and editors' examples. */
export const DURABLE_NAMESPACES: readonly Namespace[] = ['task', 'audit', 'officer', 'invite', 'account', 'example'];

/** Sends some namespaces to one store and the rest to another (PostgreSQL for the durable records). */
export class RoutedStore implements Store {
  readonly kind = 'routed' as const;

  constructor(
    private readonly main: Store,
    private readonly durable: Store,
    private readonly durableNamespaces: readonly Namespace[],
  ) {}

  private pick(ns: Namespace): Store {
    return this.durableNamespaces.includes(ns) ? this.durable : this.main;
  }

  get<T>(ns: Namespace, key: string) {
    return this.pick(ns).get<T>(ns, key);
  }
  set<T>(ns: Namespace, key: string, value: T, ttlMs?: number) {
    return this.pick(ns).set(ns, key, value, ttlMs);
  }
  delete(ns: Namespace, key: string) {
    return this.pick(ns).delete(ns, key);
  }
  setIfAbsent<T>(ns: Namespace, key: string, value: T, ttlMs?: number) {
    return this.pick(ns).setIfAbsent(ns, key, value, ttlMs);
  }
  setFlag<T>(ns: Namespace, key: string, value: T, ttlMs?: number) {
    return this.pick(ns).setFlag(ns, key, value, ttlMs);
  }
  getFlag<T>(ns: Namespace, key: string) {
    return this.pick(ns).getFlag<T>(ns, key);
  }
  deleteFlag(ns: Namespace, key: string) {
    return this.pick(ns).deleteFlag(ns, key);
  }
  increment(ns: Namespace, key: string, by?: number, ttlMs?: number) {
    return this.pick(ns).increment(ns, key, by, ttlMs);
  }
  bumpRanked(ns: Namespace, key: string, member: string, by: number, cap: number) {
    return this.pick(ns).bumpRanked(ns, key, member, by, cap);
  }

  topRanked(ns: Namespace, key: string, limit: number) {
    return this.pick(ns).topRanked(ns, key, limit);
  }

  count(ns: Namespace, key: string) {
    return this.pick(ns).count(ns, key);
  }
  async ping() {
    const [a, b] = await Promise.all([this.main.ping(), this.durable.ping()]);
    return a && b;
  }
  async close() {
    await Promise.all([this.main.close(), this.durable.close()]);
  }
}

/**
 * Redis when REDIS_URL is set, otherwise the embedded SQLite file in DATA_DIR (default ./.data);
 * with DATABASE_URL, officers, task status and the audit log go to PostgreSQL.
 */
export function openStore(env: StoreSettings): Store {
  const main = env.REDIS_URL ? new RedisStore(env.REDIS_URL) : LocalStore.sqlite(env.DATA_DIR || './.data');
  return env.DATABASE_URL ? new RoutedStore(main, new PostgresStore(env.DATABASE_URL), DURABLE_NAMESPACES) : main;
}

/** Where the store is, for logs, with any password in a Redis URL hidden. */
export function describeStore(env: StoreSettings): string {
  const durable = env.DATABASE_URL ? ` (+ postgresql for ${DURABLE_NAMESPACES.join(', ')})` : '';
  return describeMain(env) + durable;
}

function describeMain(env: StoreSettings): string {
  if (env.REDIS_URL) {
    try {
      const url = new URL(env.REDIS_URL);
      if (url.password) url.password = '***';
      return `redis ${url.toString()}`;
    } catch {
      return 'redis (unparsable REDIS_URL)';
    }
  }
  return `sqlite ${env.DATA_DIR || './.data'}/assistant.sqlite`;
}
