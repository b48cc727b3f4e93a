import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import { StoreError, type Namespace, type Store } from './store.js';

const TABLE = 'vneid_store';

/**
 * PostgreSQL through keyv (@keyv/postgres), for operators who want task status and the audit log in
 * a durable database (DATABASE_URL). Set-if-absent and counters are single SQL statements.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly keyv: Keyv;
  private readonly adapter: KeyvPostgres;

  /** `prefix` keeps separate runs (tests) apart in one database. */
  constructor(url: string, private readonly prefix = '') {
    this.adapter = new KeyvPostgres({ uri: url, table: TABLE, max: 5 });
    this.keyv = new Keyv({ store: this.adapter, throwOnErrors: true });
    this.keyv.on('error', () => undefined); // thrown to the caller (throwOnErrors)
  }

  private key(ns: Namespace, key: string): string {
    return `${this.prefix}${ns}:${key}`;
  }

  private async guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw new StoreError(`PostgreSQL store: ${what} failed`, { cause: err });
    }
  }

  get<T>(ns: Namespace, key: string): Promise<T | undefined> {
    return this.guard('get', () => this.keyv.get<T>(this.key(ns, key)));
  }

  async set<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<void> {
    await this.guard('set', () => this.keyv.set(this.key(ns, key), value, ttlMs));
  }

  delete(ns: Namespace, key: string): Promise<boolean> {
    return this.guard('delete', () => this.keyv.delete(this.key(ns, key)));
  }

  async deleteFlag(ns: Namespace, key: string): Promise<void> {
    await this.delete(ns, key);
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

  async count(ns: Namespace, key: string): Promise<number> {
    return Number((await this.get<number>(ns, key)) ?? 0);
  }

  async ping(): Promise<boolean> {
    try {
      await this.keyv.get('@ping');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.keyv.disconnect().catch(() => undefined);
  }
}
