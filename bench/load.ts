// One webhook load run, for trying a single setup without the whole `npm run bench`:
//   npx tsx bench/load.ts [instances=1] [redis|sqlite] [seconds=10] [updates a second, 0 = autocannon]
import { measureWebhookLoad } from './webhook-load.js';

const [instances = '1', store = 'redis', seconds = '10', rate = '0'] = process.argv.slice(2);
const redisUrl = store === 'sqlite' ? undefined : process.env.REDIS_URL || 'redis://127.0.0.1:6379';
console.table([await measureWebhookLoad({ instances: Number(instances), redisUrl, seconds: Number(seconds), rate: Number(rate) || undefined })]);
process.exit(0);
