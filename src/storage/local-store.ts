import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { KeyedQueue } from '../util/keyed-queue.js';
import { KeyvStore } from './keyv-store.js';
import { bumpRankedMap, rankedTop, type Namespace, type RankedMember, type Store } from './store.js';

/**
 * A store for one process: keyv over an SQLite file in DATA_DIR (the embedded
 * default) or over memory (eval runs and tests that do not test storage).
 * One process only, so the atomic operations need just a lock per key.
 */
export class LocalStore extends KeyvStore implements Store {
  private readonly locks = new KeyedQueue();
  private lastError: unknown;
  private readonly sweeper: NodeJS.Timeout | undefined;

  private constructor(
    readonly kind: 'sqlite' | 'memory',
    readonly file: string | undefined,
  ) {
    const adapter = file ? new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 }) : new Map();
    super(new Keyv({ store: adapter, throwOnErrors: true }), () => `${kind} store${file ? ` (${file})` : ''}`);
    this.keyv.on('error', (err: unknown) => {
      this.lastError = err;
    });
    if (file) {
      // WAL and normal sync: a write no longer waits for a full fsync, readers do not block the writer
      // secure_delete: deleted rows (handled webhook updates, used invite codes) are overwritten, not left readable in the file
      // Operations wait for these: a row written and deleted before secure_delete is on would stay readable.
      const sql = adapter as KeyvSqlite;
      this.ready = sql
        .query('PRAGMA journal_mode=WAL')
        .then(() => sql.query('PRAGMA synchronous=NORMAL'))
        .then(() => sql.query('PRAGMA secure_delete=ON'))
        .catch((err: unknown) => (this.lastError = err));
      this.sweeper = setInterval(() => void this.sweepExpired(), 10 * 60_000);
      this.sweeper.unref();
    }
  }

  /**
   * The SQLite file `assistant.sqlite` in `dir`, created with the directory on first use. The folder is
   * private to the server's user (0700) and the files it makes too (umask 077): they hold invite codes,
   * officer ids and platform tokens.
   */
  static sqlite(dir: string): LocalStore {
    const full = resolve(dir);
    try {
      process.umask(0o077);
    } catch {
      // worker threads may not set it (test runners); the files made below are chmod-ed all the same
    }
    mkdirSync(full, { recursive: true, mode: 0o700 });
    chmodSync(full, 0o700);
    const file = join(full, 'assistant.sqlite');
    // made here with 0600, so SQLite opens it as it is and gives its WAL and shared-memory files the same mode
    closeSync(openSync(file, 'a', 0o600));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    return new LocalStore('sqlite', file);
  }

  static memory(): LocalStore {
    return new LocalStore('memory', undefined);
  }

  /** keyv's SQLite adapter: its table and query function, for the two operations keyv has no verb for. */
  private get sql(): KeyvSqlite | undefined {
    return this.kind === 'sqlite' ? (this.keyv.store as KeyvSqlite) : undefined;
  }

  setIfAbsent<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<boolean> {
    const k = this.key(ns, key);
    const sql = this.sql;
    if (sql) {
      // one statement, so it is atomic also when a CLI process and the server share the file
      return this.guard('setIfAbsent', async () => {
        const now = Date.now();
        const serialized = await this.keyv.serialize!({ value, expires: ttlMs ? now + ttlMs : undefined });
        const rows = (await sql.query(
          `INSERT INTO keyv (key, value) VALUES (?, ?)
           ON CONFLICT(key) DO UPDATE SET value = excluded.value
           WHERE json_extract(keyv.value, '$.expires') IS NOT NULL AND json_extract(keyv.value, '$.expires') < ?
           RETURNING key`,
          [`keyv:${k}`, serialized, now],
        )) as unknown[];
        return rows.length > 0;
      });
    }
    return this.locks.run(k, () =>
      this.guard('setIfAbsent', async () => {
        if ((await this.keyv.get(k)) !== undefined) return false;
        await this.keyv.set(k, value, ttlMs);
        return true;
      }),
    );
  }

  increment(ns: Namespace, key: string, by = 1, ttlMs?: number): Promise<number> {
    const k = this.key(ns, key);
    const sql = this.sql;
    if (sql) {
      return this.guard('increment', async () => {
        const now = Date.now();
        const fresh = ttlMs ? `json_object('value', ?, 'expires', ${now + ttlMs})` : `json_object('value', ?)`;
        const rows = (await sql.query(
          `INSERT INTO keyv (key, value) VALUES (?, ${fresh})
           ON CONFLICT(key) DO UPDATE SET value = CASE
             WHEN json_extract(keyv.value, '$.expires') IS NOT NULL AND json_extract(keyv.value, '$.expires') < ? THEN ${fresh}
             ELSE json_set(keyv.value, '$.value', COALESCE(json_extract(keyv.value, '$.value'), 0) + ?) END
           RETURNING json_extract(value, '$.value') AS total`,
          [`keyv:${k}`, by, now, by, by],
        )) as { total: number }[];
        return Number(rows[0]!.total);
      });
    }
    return this.locks.run(k, () =>
      this.guard('increment', async () => {
        // the time limit is set by the first increment and kept by the later ones
        const now = Date.now();
        const current = await this.keyv.get<number>(k, { raw: true });
        const total = (current?.value ?? 0) + by;
        const expires = current ? current.expires : ttlMs ? now + ttlMs : undefined;
        await this.keyv.set(k, total, expires ? Math.max(1, expires - now) : undefined);
        return total;
      }),
    );
  }

  /** One process: the map is read, changed and written under the key's lock. */
  bumpRanked(ns: Namespace, key: string, member: string, by: number, cap: number): Promise<void> {
    return this.locks.run(this.key(ns, key), () =>
      this.guard('bumpRanked', async () => {
        const scores = (await this.keyv.get<Record<string, number>>(this.key(ns, key))) ?? {};
        await this.keyv.set(this.key(ns, key), bumpRankedMap(scores, member, by, cap));
      }),
    );
  }

  async topRanked(ns: Namespace, key: string, limit: number): Promise<RankedMember[]> {
    return rankedTop(await this.get<Record<string, number>>(ns, key), limit);
  }

  /** keyv's SQLite adapter deletes an expired row only when it is read: remove the rest now and then. */
  async sweepExpired(): Promise<number> {
    if (this.kind !== 'sqlite') return 0;
    try {
      await this.ready;
      const store = this.keyv.store as KeyvSqlite;
      const rows = (await store.query(
        "SELECT key FROM keyv WHERE json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') < ?",
        Date.now(),
      )) as { key: string }[];
      if (rows.length > 0) await store.deleteMany(rows.map((r) => r.key));
      return rows.length;
    } catch (err) {
      this.lastError = err;
      return 0;
    }
  }

  get error(): unknown {
    return this.lastError;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.locks.drain();
    await this.ready;
    await this.keyv.disconnect();
  }
}
