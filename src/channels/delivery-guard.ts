import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../storage/store.js';

/** Platforms re-deliver what they think we missed; each update is answered once for this long. */
export const DEDUPE_TTL_MS = 24 * 60 * 60_000;

/**
 * True the first time an update id is seen, false on every re-delivery, also across instances
 * sharing a Redis store (the check is one atomic set-if-absent).
 */
export async function isFirstDelivery(store: Store, platform: string, updateId: string): Promise<boolean> {
  try {
    return await store.setIfAbsent('dedupe', `${platform}:${updateId}`, 1, DEDUPE_TTL_MS);
  } catch {
    // the store is down: answer (with "try again") rather than stay silent; a re-delivery may then be answered twice
    return true;
  }
}

/** Compares a received secret with the expected one in constant time. */
export function sameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined || expected === '') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
