import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../storage/store.js';

/** Platforms re-deliver what they think we missed; an answered update is remembered this long. */
export const DEDUPE_TTL_MS = 24 * 60 * 60_000;
/** An update being worked on is held this long; if its instance dies, a re-delivery after that is answered. */
export const CLAIM_TTL_MS = Number(process.env.DEDUPE_CLAIM_TTL_MS || 60_000);

/** Call when the update has been answered. */
export type MarkAnswered = () => Promise<void>;

/**
 * Claims an update for this instance: undefined when it was answered already or another instance
 * is working on it (also across instances sharing Redis: the checks are atomic set-if-absent).
 * The claim runs out after CLAIM_TTL_MS unless the update is marked answered, so an update whose
 * instance died is answered by the next delivery.
 */
export async function claimDelivery(store: Store, platform: string, updateId: string): Promise<MarkAnswered | undefined> {
  const key = `${platform}:${updateId}`;
  try {
    if ((await store.get('dedupe', `done:${key}`)) !== undefined) return undefined;
    if (!(await store.setIfAbsent('dedupe', `claim:${key}`, 1, CLAIM_TTL_MS))) return undefined;
  } catch {
    // the store is down: answer (with "try again") rather than stay silent; a re-delivery may then be answered twice
    return async () => undefined;
  }
  return async () => {
    await store.setIfAbsent('dedupe', `done:${key}`, 1, DEDUPE_TTL_MS).catch(() => undefined);
  };
}

/** Compares a received secret with the expected one in constant time. */
export function sameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined || expected === '') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
