import { hash, verify } from '@node-rs/argon2';
import type { Store } from '../storage/store.js';

/**
 * What a console user may do: administrator (everything), editor (figures, review, campaigns, broadcasts),
 * officer (their unit's tasks), agent (cán bộ trực: the live-help queue of their locality).
 */
export type Role = 'admin' | 'editor' | 'officer' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'editor', 'officer', 'agent'];

/** A console account (tài khoản quản trị), as the rest of the server sees it: never the password hash. */
export interface Account {
  name: string;
  role: Role;
  /** an officer's unit and locality (cán bộ của đơn vị); an agent's locality (the queue they answer) */
  unit?: string;
  locality?: string;
  disabled: boolean;
  createdAt: string;
}

interface StoredAccount extends Account {
  /** Argon2id, PHC string ($argon2id$v=19$...) */
  passwordHash: string;
}

export class AccountError extends Error {}

/** Shorter passwords are refused; there is no upper rule but the request size. */
export const MIN_PASSWORD_LENGTH = 10;
const NAME = /^[a-z0-9._-]{2,40}$/;

/** An account name as kept: lower case, so "An" and "an" are one account. */
export function accountName(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

function publicView({ passwordHash: _hidden, ...account }: StoredAccount): Account {
  return account;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
}

/**
 * Console accounts in the store (PostgreSQL when DATABASE_URL is set), passwords hashed with Argon2id
 * (@node-rs/argon2, its default parameters). Listed through numbered slots like the officers.
 */
export class AccountBook {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  /** Throws what `add` would refuse in the name or password, without adding anything (an invite is not spent on a bad form). */
  async check(rawName: string, password: string): Promise<void> {
    const name = accountName(rawName);
    if (!NAME.test(name)) throw new AccountError('the name must be 2 to 40 letters a-z, digits, ".", "_" or "-"');
    checkPassword(password);
    if (await this.store.getFlag('account', `taken:${name}`)) throw new AccountError(`an account "${name}" exists already`);
  }

  async add(rawName: string, role: Role, password: string, place: { unit?: string | undefined; locality?: string | undefined } = {}): Promise<Account> {
    const name = accountName(rawName);
    if (!NAME.test(name)) throw new AccountError('the name must be 2 to 40 letters a-z, digits, ".", "_" or "-"');
    if (!ROLES.includes(role)) throw new AccountError(`the role must be one of ${ROLES.join(', ')}`);
    if (role === 'officer' && (!place.unit || !place.locality)) throw new AccountError('an officer account needs its unit and locality');
    if (role === 'agent' && !place.locality?.trim()) throw new AccountError('an agent account needs its locality (--locality "Đà Nẵng", or "toàn tỉnh")');
    checkPassword(password);
    const account: StoredAccount = {
      name,
      role,
      ...(role === 'officer' ? { unit: place.unit!, locality: place.locality! } : {}),
      ...(role === 'agent' ? { locality: place.locality!.trim() } : {}),
      disabled: false,
      createdAt: this.clock().toISOString(),
      passwordHash: await hash(password),
    };
    if (!(await this.store.setIfAbsent('account', `taken:${name}`, 1))) throw new AccountError(`an account "${name}" exists already`);
    await this.store.set('account', `a:${name}`, account);
    const slot = await this.store.increment('account', 'slots');
    await this.store.set('account', `slot:${slot}`, name);
    return publicView(account);
  }

  async get(rawName: string): Promise<Account | undefined> {
    const stored = await this.store.get<StoredAccount>('account', `a:${accountName(rawName)}`);
    return stored ? publicView(stored) : undefined;
  }

  /** The account when the password is right and the account enabled; a hash is checked even for unknown names, so timing tells nothing. */
  async signIn(rawName: string, password: string): Promise<Account | undefined> {
    const stored = await this.store.get<StoredAccount>('account', `a:${accountName(rawName)}`);
    const ok = await verify(stored?.passwordHash ?? (await this.decoy()), password).catch(() => false);
    return ok && stored && !stored.disabled ? publicView(stored) : undefined;
  }

  private decoyHash: Promise<string> | undefined;
  private decoy(): Promise<string> {
    this.decoyHash ??= hash('not-a-password-of-anyone');
    return this.decoyHash;
  }

  async list(): Promise<Account[]> {
    const slots = await this.store.count('account', 'slots');
    const names = await Promise.all(Array.from({ length: slots }, (_, i) => this.store.get<string>('account', `slot:${i + 1}`)));
    const accounts = await Promise.all(names.filter((n): n is string => Boolean(n)).map((n) => this.get(n)));
    return accounts.filter((a): a is Account => a !== undefined);
  }

  async setPassword(rawName: string, password: string): Promise<void> {
    checkPassword(password);
    const stored = await this.stored(rawName);
    await this.store.set('account', `a:${stored.name}`, { ...stored, passwordHash: await hash(password) });
  }

  async setDisabled(rawName: string, disabled: boolean): Promise<void> {
    const stored = await this.stored(rawName);
    await this.store.set('account', `a:${stored.name}`, { ...stored, disabled });
  }

  private async stored(rawName: string): Promise<StoredAccount> {
    const stored = await this.store.get<StoredAccount>('account', `a:${accountName(rawName)}`);
    if (!stored) throw new AccountError(`no account "${accountName(rawName)}"`);
    return stored;
  }
}
