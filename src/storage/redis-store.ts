import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { StoreError, type Namespace, type RankedMember, type Store } from './store.js';

/** bumpRankedMap (store.ts) as one Redis script. */
const BUMP_RANKED = `
local k, m, by, cap = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('ZSCORE', k, m) or redis.call('ZCARD', k) < cap then
  redis.call('ZINCRBY', k, by, m)
else
  local low = redis.call('ZRANGE', k, 0, 0, 'WITHSCORES')
  redis.call('ZREM', k, low[1])
  redis.call('ZADD', k, tonumber(low[2]) + by, m)
end
return 1`;

/**
 * Redis, for several instances sharing state. Values go through keyv; the
 * atomic operations (set-if-absent, counters) use the Redis client keyv holds,
 * with SET NX PX and INCRBY, on keys of their own.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly keyv: Keyv;
  private readonly adapter: KeyvRedis<unknown>;

  constructor(url: string, private readonly prefix = 'vneid') {
    // No offline queue: while Redis is down a command fails at once (the person gets "try again")
    // instead of hanging; the client keeps reconnecting in the background and recovers by itself.
    this.adapter = new KeyvRedis(
      { url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } },
      { throwOnConnectError: false, throwOnErrors: true, connectionTimeout: 2000 },
    );
    this.keyv = new Keyv({ store: this.adapter, namespace: prefix, throwOnErrors: true });
    this.keyv.on('error', () => undefined); // errors are thrown to the caller (throwOnErrors); this only stops an unhandled 'error' event
  }

  private key(ns: Namespace, key: string): string {
    return `${ns}:${key}`;
  }

  private rawKey(ns: Namespace, key: string): string {
    return `${this.prefix}:atomic:${ns}:${key}`;
  }

  private connecting: Promise<unknown> | undefined;

  /**
   * Waits until the client can take commands: connects on first use (once, whoever asks first),
   * and while it reconnects after an outage waits a moment, then gives up so the caller fails fast.
   */
  private async connected(): Promise<void> {
    const client = this.adapter.client as unknown as { isReady: boolean; isOpen: boolean; once(e: string, f: () => void): void; off(e: string, f: () => void): void };
    if (client.isReady) return;
    if (!client.isOpen) {
      this.connecting ??= this.adapter.getClient().finally(() => (this.connecting = undefined));
      await this.connecting;
      if (client.isReady) return;
    }
    // one shared wait for all callers, so a burst during an outage adds one listener, not thousands
    this.waitingForReady ??= new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error('Redis is not reachable'));
      }, 1000);
      client.once('ready', onReady);
    }).finally(() => (this.waitingForReady = undefined));
    await this.waitingForReady;
  }

  private waitingForReady: Promise<void> | undefined;

  private async guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      await this.connected();
      return await op();
    } catch (err) {
      throw new StoreError(`Redis store: ${what} failed`, { cause: err });
    }
  }

  /** The client keyv holds, for the commands keyv has no verb for. */
  private get client() {
    return this.adapter.client as unknown as {
      set(k: string, v: string, o: Record<string, unknown>): Promise<string | null>;
      get(k: string): Promise<string | null>;
      del(k: string): Promise<number>;
      ping(): Promise<string>;
      incrBy(k: string, by: number): Promise<number>;
      eval(script: string, o: { keys: string[]; arguments: string[] }): Promise<unknown>;
      zRangeWithScores(k: string, start: number, stop: number, o: { REV: true }): Promise<{ value: string; score: number }[]>;
    };
  }

  get<T>(ns: Namespace, key: string): Promise<T | undefined> {
    return this.guard('get', () => this.keyv.get<T>(this.key(ns, key)));
  }

  getFlag<T>(ns: Namespace, key: string): Promise<T | undefined> {
    return this.guard('getFlag', async () => {
      const raw = await this.client.get(this.rawKey(ns, key));
      return raw === null ? undefined : (JSON.parse(raw) as T);
    });
  }

  setFlag<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<void> {
    return this.guard('setFlag', async () => {
      await this.client.set(this.rawKey(ns, key), JSON.stringify(value), ttlMs ? { PX: ttlMs } : {});
    });
  }

  async set<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<void> {
    await this.guard('set', () => this.keyv.set(this.key(ns, key), value, ttlMs));
  }

  delete(ns: Namespace, key: string): Promise<boolean> {
    return this.guard('delete', async () => {
      const [viaKeyv, raw] = await Promise.all([this.keyv.delete(this.key(ns, key)), this.client.del(this.rawKey(ns, key))]);
      return viaKeyv || raw > 0;
    });
  }

  setIfAbsent<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<boolean> {
    return this.guard('setIfAbsent', async () => {
      const options: Record<string, unknown> = { NX: true };
      if (ttlMs) options.PX = ttlMs;
      return (await this.client.set(this.rawKey(ns, key), JSON.stringify(value), options)) === 'OK';
    });
  }

  deleteFlag(ns: Namespace, key: string): Promise<void> {
    return this.guard('deleteFlag', async () => {
      await this.client.del(this.rawKey(ns, key));
    });
  }

  increment(ns: Namespace, key: string, by = 1, ttlMs?: number): Promise<number> {
    return this.guard('increment', async () => {
      const k = this.rawKey(ns, key);
      if (!ttlMs) return this.client.incrBy(k, by);
      // the counter is created with its time limit (SET NX PX), so it never lives without one even if
      // this process dies between the two commands; both go out together, in one round trip
      const [, total] = await Promise.all([this.client.set(k, '0', { NX: true, PX: ttlMs }), this.client.incrBy(k, by)]);
      return total;
    });
  }

  /** A sorted set, changed by one script (atomic): the member's score goes up, or it replaces the lowest of a full set. */
  bumpRanked(ns: Namespace, key: string, member: string, by: number, cap: number): Promise<void> {
    return this.guard('bumpRanked', async () => {
      await this.client.eval(BUMP_RANKED, { keys: [this.rawKey(ns, key)], arguments: [member, String(by), String(cap)] });
    });
  }

  topRanked(ns: Namespace, key: string, limit: number): Promise<RankedMember[]> {
    return this.guard('topRanked', async () => {
      const rows = await this.client.zRangeWithScores(this.rawKey(ns, key), 0, limit - 1, { REV: true });
      return rows.map((r) => ({ member: r.value, score: r.score }));
    });
  }

  count(ns: Namespace, key: string): Promise<number> {
    return this.guard('count', async () => Number((await this.client.get(this.rawKey(ns, key))) ?? 0));
  }

  async ping(): Promise<boolean> {
    try {
      await this.connected();
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.keyv.disconnect().catch(() => undefined);
  }
}
