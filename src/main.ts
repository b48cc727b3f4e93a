import { pino } from 'pino';
import { createAssistant } from './core/build.js';
import { buildApp, type ChannelState } from './server/app.js';
import { describeStore, openStore } from './storage/open-store.js';
import { clockFromEnv } from './util/clock.js';

const log = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: { paths: ['*.token', '*.secret', '*.password', '*.access_token', '*.refresh_token', 'req.headers.authorization'], censor: '[hidden]' },
});

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  log.fatal({ PORT: process.env.PORT }, 'PORT must be a port number');
  process.exit(2);
}

const store = openStore(process.env);
const assistant = createAssistant({ store, clock: clockFromEnv(process.env), log });

const channels: ChannelState[] = [
  { name: 'web', on: true, why: `web chat at http://localhost:${port}/` },
  process.env.TELEGRAM_BOT_TOKEN
    ? { name: 'telegram', on: false, why: 'TELEGRAM_BOT_TOKEN is set but the Telegram adapter is not built yet' }
    : { name: 'telegram', on: false, why: 'TELEGRAM_BOT_TOKEN is not set' },
  process.env.ZALO_OA_SECRET_KEY
    ? { name: 'zalo', on: false, why: 'ZALO_OA_SECRET_KEY is set but the Zalo adapter is not built yet' }
    : { name: 'zalo', on: false, why: 'ZALO_OA_SECRET_KEY is not set' },
];

const app = buildApp({ assistant, store, channels: () => channels, logger: log });

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'shutting down: finishing messages in flight');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await app.close();
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
  for (const c of channels) log.info({ channel: c.name, on: c.on }, `${c.name}: ${c.on ? 'on' : 'off'} (${c.why})`);
} catch (err) {
  log.fatal({ err }, 'could not start the server');
  process.exit(1);
}
