import { createHash } from 'node:crypto';
import { sameSecret } from '../delivery-guard.js';

/**
 * Zalo OA event signature: header `X-ZEvent-Signature: mac=<hex>` where hex is plain SHA-256 of
 * app_id + raw body + timestamp + OA secret key (app_id and timestamp as written in the body).
 */
export function zaloSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`, 'utf8').digest('hex');
}

export function verifyZaloSignature(header: string | undefined, rawBody: string, body: { app_id?: unknown; timestamp?: unknown }, oaSecretKey: string): boolean {
  if (!header || typeof body.app_id !== 'string' && typeof body.app_id !== 'number') return false;
  const received = header.replace(/^mac=/i, '').trim().toLowerCase();
  const expected = zaloSignature(String(body.app_id), rawBody, String(body.timestamp ?? ''), oaSecretKey);
  return sameSecret(received, expected);
}
