import { dotEnv } from './env.js';
import { pino } from 'pino';
import { createAssistant, loadKnowledge } from './core/build.js';
import { consoleSecurityFrom } from './console/auth.js';
import { createConsole } from './console/console-parts.js';
import { buildApp } from './server/app.js';
import { keptSecret } from './storage/kept-secret.js';
import { securitySettingsFrom } from './server/security.js';
import { setUpChannels } from './server/channels.js';
import { describeStore, openStore } from './storage/open-store.js';
import { clockFromEnv } from './util/clock.js';
import { startReminderSchedule } from './officers/reminder-schedule.js';

/** Field names whose values never reach the log. */
const REDACT = ['token', 'secret', 'password', 'access_token', 'refresh_token', 'phone', 'text', 'authorization'];

const log = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: { paths: [...REDACT, ...REDACT.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers["x-telegram-bot-api-secret-token"]'], censor: '[hidden]' },
});

/** TRUST_PROXY: unset (the socket's address is the client's), "true" (trust X-Forwarded-For), or the proxies' addresses. */
function trustProxyFrom(raw: string | undefined): { trustProxy?: boolean | string[] } {
  if (!raw) return {};
  if (raw === 'true') return { trustProxy: true };
  return { trustProxy: raw.split(/[\s,]+/).filter(Boolean) };
}

if (dotEnv) log.info({ file: dotEnv.file, variables: dotEnv.loaded }, 'settings read from .env (variables already set win)');
else log.info('no .env file: settings from the environment and defaults');

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  log.fatal({ PORT: process.env.PORT }, 'PORT must be a port number');
  process.exit(2);
}

const store = openStore(process.env);
const salt = await keptSecret(store, 'user-hash-salt', process.env.USER_HASH_SALT);
const cookieSecret = await keptSecret(store, 'cookie-secret', process.env.COOKIE_SECRET);
const sessionSecret = await keptSecret(store, 'session-secret', process.env.SESSION_SECRET);
log.info({ user_hash_salt: salt.where, cookie_secret: cookieSecret.where, session_secret: sessionSecret.where }, 'secrets: where they live');
const knowledge = loadKnowledge();
const assistant = createAssistant({ store, clock: clockFromEnv(process.env), log, userHashSalt: salt.value }, knowledge);
// the console shares the assistant's example index: an example an editor adds is live in every channel at once
const consoleParts = createConsole({ store, knowledge, clock: clockFromEnv(process.env), env: process.env, userHashSalt: salt.value });
const restored = await consoleParts.examples.restore();
if (restored > 0) log.info({ examples: restored }, "editors' example questions added from the store (export: npm run -s cli -- examples export)");
let channels: ReturnType<typeof setUpChannels> | undefined;
let reminders: ReturnType<typeof startReminderSchedule>;
const app = await buildApp({
  assistant,
  store,
  channels: () => channels?.states ?? [],
  logger: log,
  cookieSecret: cookieSecret.value,
  security: securitySettingsFrom(process.env),
  console: { parts: consoleParts, security: consoleSecurityFrom(process.env, sessionSecret.value) },
  ...trustProxyFrom(process.env.TRUST_PROXY),
});
channels = setUpChannels(app, process.env, { assistant, store, log, port });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: finishing messages in flight');
  const force = setTimeout(() => {
    log.error('shutdown took over 10 s; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  await app.close();
  await channels?.stop();
  reminders?.stop();
  await assistant.drain();
  await store.close();
  log.info('stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

try {
  await app.listen({ port, host: process.env.HOST || '0.0.0.0' });
  log.info({ store: describeStore(process.env), port }, 'assistant started');
  await channels.start();
  reminders = startReminderSchedule(process.env, store, clockFromEnv(process.env), log);
  for (const c of channels.states) log.info({ channel: c.name, on: c.on }, `${c.name}: ${c.on ? 'on' : 'off'} (${c.why})`);
} catch (err) {
  log.fatal({ err }, 'could not start the server');
  process.exit(1);
}
