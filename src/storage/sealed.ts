import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A value encrypted with AES-256-GCM (node:crypto): what is kept in the store instead of a platform token. */
export interface Sealed {
  sealed: 1;
  iv: string;
  tag: string;
  data: string;
}

/** The 32-byte key of TOKEN_ENCRYPTION_KEY (64 hex characters or base64), or undefined when unset. */
export function sealKeyFrom(raw: string | undefined): Buffer | undefined {
  if (!raw) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes: 64 hex characters (openssl rand -hex 32)');
  return key;
}

export function seal(value: unknown, key: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { sealed: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 1;
}

/** Opens a sealed value; a wrong key or a changed value throws (GCM checks both). */
export function unseal<T>(value: Sealed, key: Buffer): T {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(value.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(value.tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(value.data, 'base64')), decipher.final()]).toString('utf8')) as T;
}
