import { randomBytes } from 'node:crypto';
import type { Store } from './store.js';

export interface KeptSecret {
  value: string;
  /** where it lives, for the start log (never the value) */
  where: string;
}

/**
 * A secret from the environment, or else generated once and kept in the store, so every instance and
 * every restart use the same one and no installation shares a public default (salts, cookie keys).
 */
export async function keptSecret(store: Store, name: string, fromEnv: string | undefined): Promise<KeptSecret> {
  if (fromEnv) return { value: fromEnv, where: 'the environment' };
  await store.setIfAbsent('channel', `secret:${name}`, randomBytes(32).toString('hex'));
  const value = await store.getFlag<string>('channel', `secret:${name}`);
  if (!value) throw new Error(`could not keep the ${name} secret in the store`);
  return { value, where: `the store (${store.kind}, key secret:${name})` };
}
