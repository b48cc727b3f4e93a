import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../storage/store.js';

/** Platforms re-deliver what they think we missed; an answered update is remembered this long. */
export const DEDUPE_TTL_MS = 24 * 60 * 60_000;
/** An update being worked on is held this long; if its instance dies, a re-delivery after that is answered. */
export const CLAIM_TTL_MS = Number(process.env.DEDUPE_CLAIM_TTL_MS || 60_000);

/** Call when the answer has gone out (or when there is nothing to send). */
export type MarkAnswered = () => Promise<void>;

/**
 * Claims an update for this instance: undefined when it was answered already or another instance
 * is working on it. One flag per update, set if absent (atomic, also across instances sharing
 * Redis). "working" runs out after CLAIM_TTL_MS, so an update whose instance died is answered again
 * by whoever takes it up next; once answered the flag says so for DEDUPE_TTL_MS. An answer that was
 * on its way when its instance died is therefore sent twice: nothing is lost, at the price of a rare
 * repeat (the platforms take no idempotency key that would allow exactly once).
 */
export async function claimDelivery(store: Store, platform: string, updateId: string): Promise<MarkAnswered | undefined> {
  const key = `${platform}:${updateId}`;
  try {
    if (!(await store.setIfAbsent('dedupe', key, 'working', CLAIM_TTL_MS))) return undefined;
  } catch {
    // the store is down: answer (with "try again") rather than stay silent; a re-delivery may then be answered twice
    return async () => undefined;
  }
  return async () => {
    await store.setFlag('dedupe', key, 'answered', DEDUPE_TTL_MS).catch(() => undefined);
  };
}

/** Compares a received secret with the expected one in constant time. */
export function sameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined || expected === '') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
