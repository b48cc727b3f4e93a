import type { FastifyInstance } from 'fastify';
import { consoleSecurityFrom } from '../../src/console/auth.js';
import { createConsole, type ConsoleParts } from '../../src/console/console-parts.js';
import type { Assistant } from '../../src/core/assistant.js';
import { buildApp } from '../../src/server/app.js';
import { securitySettingsFrom } from '../../src/server/security.js';
import { LocalStore } from '../../src/storage/local-store.js';
import type { Store } from '../../src/storage/store.js';
import { sharedKnowledge, testAssistant } from './assistant.js';

export const PASSWORDS = { admin: 'admin-password-1', editor: 'editor-password-1', officer: 'officer-password-1', agent: 'agent-password-1' } as const;

/** The server with the console, over one store, and an administrator, an editor, an officer (Sở Y tế, Đà Nẵng) and an agent (Đà Nẵng). */
export async function consoleApp(options: { env?: Record<string, string>; now?: () => Date; store?: Store; trustProxy?: boolean } = {}): Promise<{ app: FastifyInstance; parts: ConsoleParts; store: Store; assistant: Assistant }> {
  const store = options.store ?? LocalStore.memory();
  const clock = options.now ?? (() => new Date('2026-11-22T09:00:00Z'));
  const env = { PUBLIC_URL: '', ...options.env };
  const parts = createConsole({ store, knowledge: sharedKnowledge(), clock, env });
  await parts.accounts.add('admin', 'admin', PASSWORDS.admin);
  await parts.accounts.add('editor', 'editor', PASSWORDS.editor);
  await parts.accounts.add('officer', 'officer', PASSWORDS.officer, { unit: 'Sở Y tế', locality: 'Đà Nẵng' });
  await parts.accounts.add('agent', 'agent', PASSWORDS.agent, { locality: 'Đà Nẵng' });
  const assistant = testAssistant({ store, now: clock });
  const app = await buildApp({
    assistant,
    store,
    channels: () => [],
    security: securitySettingsFrom(env),
    ...(options.trustProxy ? { trustProxy: true } : {}),
    console: { parts, security: consoleSecurityFrom({ COOKIE_SECURE: 'false', ...env }, 'test-session-secret-test-session-secret') },
  });
  return { app, parts, store, assistant };
}

export interface Signed {
  cookie: string;
  csrf: string;
}

const cookiesOf = (res: { headers: Record<string, unknown> }): string[] => [res.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]!);

/** A CSRF token and the session cookie that goes with it, before signing in. */
export async function anonymous(app: FastifyInstance, remoteAddress = '127.0.0.1'): Promise<Signed> {
  const res = await app.inject({ method: 'GET', url: '/api/auth/csrf', remoteAddress });
  return { cookie: cookiesOf(res).join('; '), csrf: res.json().token };
}

export async function login(app: FastifyInstance, name: string, password: string, remoteAddress = '127.0.0.1') {
  const before = await anonymous(app, remoteAddress);
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { cookie: before.cookie, 'x-csrf-token': before.csrf }, payload: { name, password } });
  return { res, signed: res.statusCode === 200 ? { cookie: cookiesOf(res).join('; '), csrf: res.json().csrf as string } : undefined };
}

export async function signIn(app: FastifyInstance, role: keyof typeof PASSWORDS): Promise<Signed> {
  const { res, signed } = await login(app, role, PASSWORDS[role], `10.7.0.${Object.keys(PASSWORDS).indexOf(role) + 1}`);
  if (!signed) throw new Error(`sign-in of ${role} failed: ${res.statusCode} ${res.body}`);
  return signed;
}
