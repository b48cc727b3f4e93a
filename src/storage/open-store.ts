import { LocalStore } from './local-store.js';
import { RedisStore } from './redis-store.js';
import type { Store } from './store.js';

export interface StoreSettings {
  REDIS_URL?: string | undefined;
  DATA_DIR?: string | undefined;
}

/** Redis when REDIS_URL is set, otherwise the embedded SQLite file in DATA_DIR (default ./.data). */
export function openStore(env: StoreSettings): Store {
  if (env.REDIS_URL) return new RedisStore(env.REDIS_URL);
  return LocalStore.sqlite(env.DATA_DIR || './.data');
}

/** Where the store is, for logs, with any password in a Redis URL hidden. */
export function describeStore(env: StoreSettings): string {
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
