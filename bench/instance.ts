// One assistant instance for the load benchmark: the real HTTP app with the Telegram webhook, its
// outgoing calls sent to a local stub. Settings come from the environment (PORT, REDIS_URL, DATA_DIR,
// TELEGRAM_API_ROOT). Prints "ready" when it listens.
import { pino } from 'pino';
import { createAssistant } from '../src/core/build.js';
import { buildApp } from '../src/server/app.js';
import { setUpChannels } from '../src/server/channels.js';
import { openStore } from '../src/storage/open-store.js';

const log = pino({ level: 'warn' });
const store = openStore(process.env);
const assistant = createAssistant({ store, log });
const app = await buildApp({ assistant, store, channels: () => [], logger: log });
const port = Number(process.env.PORT);
const channels = setUpChannels(app, { ...process.env, TELEGRAM_WEBHOOK_URL: 'https://bench.invalid/webhooks/telegram' }, { assistant, store, log, port });
await app.listen({ port, host: '127.0.0.1' });
// the webhook is not registered with a real Telegram: only getMe is needed before handling updates
await channels.start().catch(() => undefined);
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await app.close();
  await channels.stop();
  await store.close();
  process.exit(0);
});
