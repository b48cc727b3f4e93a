import type Keyv from 'keyv';
import { StoreError, type Namespace } from './store.js';

/**
 * What the keyv-backed stores share: namespaced keys, values through keyv, and errors that name the
 * store and the operation (keyv is set to throw, so a broken store is loud, never a silent undefined).
 */
export abstract class KeyvStore {
  /** Settles when the store's own setup (pragmas and the like) is done; every operation waits for it. */
  protected ready: Promise<unknown> = Promise.resolve();

  protected constructor(
    protected readonly keyv: Keyv,
    private readonly label: () => string,
    protected readonly prefix = '',
  ) {}

  protected key(ns: Namespace, key: string): string {
    return `${this.prefix}${ns}:${key}`;
  }

  protected async guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      await this.ready;
      return await op();
    } catch (err) {
      throw new StoreError(`${this.label()}: ${what} failed`, { cause: err });
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

  // flags and values share keyv's one table here
  getFlag<T>(ns: Namespace, key: string): Promise<T | undefined> {
    return this.get<T>(ns, key);
  }

  setFlag<T>(ns: Namespace, key: string, value: T, ttlMs?: number): Promise<void> {
    return this.set(ns, key, value, ttlMs);
  }

  async deleteFlag(ns: Namespace, key: string): Promise<void> {
    await this.delete(ns, key);
  }

  /** True when a read goes through. */
  async ping(): Promise<boolean> {
    try {
      await this.keyv.get('@ping');
      return true;
    } catch {
      return false;
    }
  }

  async count(ns: Namespace, key: string): Promise<number> {
    return Number((await this.get<number>(ns, key)) ?? 0);
  }
}
