import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import { KeyedQueue } from '../util/keyed-queue.js';
import { KeyvStore } from './keyv-store.js';
import { bumpRankedMap, rankedTop, type Namespace, type RankedMember, type Store } from './store.js';

const TABLE = 'vneid_store';

/**
 * PostgreSQL through keyv (@keyv/postgres), for operators who want task status and the audit log in
 * a durable database (DATABASE_URL). Set-if-absent and counters are single SQL statements.
 */
export class PostgresStore extends KeyvStore implements Store {
  private readonly locks = new KeyedQueue();
  readonly kind = 'postgres' as const;
  private readonly adapter: KeyvPostgres;

  /** `prefix` keeps separate runs (tests) apart in one database. */
  constructor(url: string, prefix = '') {
    const adapter = new KeyvPostgres({ uri: url, table: TABLE, max: 5 });
    super(new Keyv({ store: adapter, throwOnErrors: true }), () => 'PostgreSQL store', prefix);
    this.adapter = adapter;
    this.keyv.on('error', () => undefined); // thrown to the caller (throwOnErrors)
  }

  setIfAbsent<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<boolean> {
    return this.guard('setIfAbsent', async () => {
      await this.keyv.get('@warm'); // creates the table on first use
      const now = Date.now();
      const serialized = await this.keyv.serialize!({ value, expires: ttlMs ? now + ttlMs : undefined });
      const rows = await this.adapter.query(
        `INSERT INTO public.${TABLE} (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
         WHERE (${TABLE}.value::jsonb ->> 'expires') IS NOT NULL AND (${TABLE}.value::jsonb ->> 'expires')::bigint < $3
         RETURNING key`,
        [`keyv:${this.key(ns, key)}`, serialized, now],
      );
      return rows.length > 0;
    });
  }

  increment(ns: Namespace, key: string, by = 1, ttlMs?: number): Promise<number> {
    return this.guard('increment', async () => {
      await this.keyv.get('@warm');
      const now = Date.now();
      const fresh = ttlMs ? `json_build_object('value', $2::bigint, 'expires', ${now + ttlMs}::bigint)::text` : `json_build_object('value', $2::bigint)::text`;
      const rows = (await this.adapter.query(
        `INSERT INTO public.${TABLE} (key, value) VALUES ($1, ${fresh})
         ON CONFLICT (key) DO UPDATE SET value = CASE
           WHEN (${TABLE}.value::jsonb ->> 'expires') IS NOT NULL AND (${TABLE}.value::jsonb ->> 'expires')::bigint < $3 THEN ${fresh}
           ELSE jsonb_set(${TABLE}.value::jsonb, '{value}', to_jsonb(COALESCE((${TABLE}.value::jsonb ->> 'value')::bigint, 0) + $2::bigint))::text END
         RETURNING (value::jsonb ->> 'value')::bigint AS total`,
        [`keyv:${this.key(ns, key)}`, by, now],
      )) as { total: string | number }[];
      return Number(rows[0]!.total);
    });
  }

  /**
   * Read, changed and written back under a lock of this process: PostgreSQL keeps officers and tasks (routed by
   * namespace); the ranked lists, in the statistics namespace, live in Redis or SQLite.
   */
  bumpRanked(ns: Namespace, key: string, member: string, by: number, cap: number): Promise<void> {
    return this.locks.run(this.key(ns, key), () =>
      this.guard('bumpRanked', async () => {
        const scores = (await this.get<Record<string, number>>(ns, key)) ?? {};
        await this.set(ns, key, bumpRankedMap(scores, member, by, cap));
      }),
    );
  }

  async topRanked(ns: Namespace, key: string, limit: number): Promise<RankedMember[]> {
    return rankedTop(await this.get<Record<string, number>>(ns, key), limit);
  }

  async close(): Promise<void> {
    await this.keyv.disconnect().catch(() => undefined);
  }
}
