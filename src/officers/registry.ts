import { createHash, randomInt } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Store } from '../storage/store.js';

/** A person who may ask about and close the tasks of one unit (cán bộ của đơn vị). */
export interface Officer {
  /** channel:userId */
  user: string;
  unit: string;
  locality: string;
  since: string;
}

interface Invite {
  unit: string;
  locality: string;
  expires: string;
}

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;
/** Wrong codes a person may try per hour before /officer stops answering for a while. */
export const MAX_ATTEMPTS_PER_HOUR = 5;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export type RedeemResult = { ok: true; officer: Officer } | { ok: false; reason: 'invalid' | 'too_many_attempts' };

/** Where an invite is kept: the SHA-256 of its code, never the code itself. */
function codeKey(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Invites and officers, kept in the store so they survive restarts and are shared by instances. */
export class OfficerRegistry {
  /** Who is an officer, remembered for a few seconds: every message asks, and most senders are citizens. */
  private readonly cache = new LRUCache<string, { officer: Officer | null }>({ max: 50_000, ttl: 10_000 });

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  /** A one-time code for a unit, valid for seven days. */
  async invite(unit: string, locality: string): Promise<{ code: string; expires: string }> {
    const code = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expires = new Date(this.clock().getTime() + INVITE_TTL_MS).toISOString();
    // only a hash of the code is kept: whoever reads the store cannot redeem a live invite
    await this.store.set<Invite>('invite', codeKey(code), { unit, locality, expires }, INVITE_TTL_MS);
    return { code, expires };
  }

  /**
   * Turns a user into an officer with a valid code. A wrong, used or expired code gets the same answer,
   * so the reply tells nothing about which codes exist; attempts are limited per user.
   */
  async redeem(user: string, rawCode: string): Promise<RedeemResult> {
    const attempts = await this.store.increment('rate', `officer-code:${user}`, 1, 60 * 60_000);
    if (attempts > MAX_ATTEMPTS_PER_HOUR) return { ok: false, reason: 'too_many_attempts' };
    const code = rawCode.trim().toUpperCase();
    if (!/^[A-Z0-9]{6,20}$/.test(code)) return { ok: false, reason: 'invalid' };
    const key = codeKey(code);
    const invite = await this.store.get<Invite>('invite', key);
    if (!invite || Date.parse(invite.expires) < this.clock().getTime()) return { ok: false, reason: 'invalid' };
    if (!(await this.store.setIfAbsent('invite', `used:${key}`, user, INVITE_TTL_MS))) return { ok: false, reason: 'invalid' };
    await this.store.delete('invite', key);
    const officer: Officer = { user, unit: invite.unit, locality: invite.locality, since: this.clock().toISOString() };
    await this.store.set('officer', user, officer);
    this.cache.delete(user);
    // the index is a counter and a slot per registration: atomic on every store, so concurrent redemptions all stay listed
    const slot = await this.store.increment('officer', '@slots');
    await this.store.set('officer', `@slot:${slot}`, user);
    return { ok: true, officer };
  }

  async officerOf(user: string): Promise<Officer | undefined> {
    const hit = this.cache.get(user);
    if (hit) return hit.officer ?? undefined;
    const officer = await this.store.get<Officer>('officer', user);
    this.cache.set(user, { officer: officer ?? null });
    return officer;
  }

  /** Every officer registered and not revoked (a revoked or re-registered user's old slots are passed over). */
  async list(): Promise<Officer[]> {
    const slots = await this.store.count('officer', '@slots');
    const fromSlots = await Promise.all(Array.from({ length: slots }, (_, i) => this.store.get<string>('officer', `@slot:${i + 1}`)));
    // stores written before the slots kept one list under '@index'
    const legacy = (await this.store.get<string[]>('officer', '@index')) ?? [];
    const users = [...new Set([...legacy, ...fromSlots.filter((u): u is string => typeof u === 'string')])];
    const officers = await Promise.all(users.map((u) => this.store.get<Officer>('officer', u)));
    return officers.filter((o): o is Officer => o !== undefined);
  }

  async revoke(user: string): Promise<boolean> {
    const removed = await this.store.delete('officer', user);
    this.cache.delete(user);
    return removed;
  }
}
