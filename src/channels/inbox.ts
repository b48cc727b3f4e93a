import type { FastifyReply } from 'fastify';
import type { Logger } from '../core/logger.js';
import type { Store } from '../storage/store.js';
import { CLAIM_TTL_MS } from './delivery-guard.js';

/** An entry nobody finished is dropped after this long. */
const KEEP_MS = 24 * 60 * 60_000;
/** An entry no instance here can handle (its channel switched off) is dropped after this long, so it cannot hold the sweep back. */
const UNHANDLED_MS = 60 * 60_000;
/**
 * Updates handled at once before new ones get 503. Time to answer grows with the number waiting
 * (at about 600 answers a second, 500 waiting is close to a second), so a platform's later
 * re-delivery serves a person better than a place at the end of a long queue.
 */
export const MAX_UPDATES_IN_FLIGHT = Number(process.env.MAX_UPDATES_IN_FLIGHT || 500);
/** Entries read at a time by a sweep, and how many such reads one sweep makes at most. */
const SWEEP_BATCH = 1000;
const SWEEP_MAX_BATCHES = 100;

interface Entry {
  platform: string;
  payload: unknown;
  at: number;
}

export type UpdateHandler = (payload: unknown) => Promise<void>;

/**
 * The updates a webhook has said 200 to and not yet answered. The platforms do not deliver an
 * update again once they got 200, so each one is written to the store before the 200 goes back,
 * and removed when its handler is done. An instance that dies takes nothing with it: every
 * instance sweeps now and then for entries older than a claim lives, and handles them (the
 * delivery claim inside each handler keeps two instances from answering one update).
 * Too much work in memory turns new updates away (503), and the platform delivers them later.
 */
export class Inbox {
  private readonly running = new Set<Promise<unknown>>();
  /** numbers of the kept entries this instance is handling */
  private readonly mine = new Set<number>();
  private readonly handlers = new Map<string, UpdateHandler>();
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    readonly limit = MAX_UPDATES_IN_FLIGHT,
    /** an entry older than this has lost its instance (its claim has run out too) */
    private readonly orphanAfterMs = CLAIM_TTL_MS + 1000,
  ) {}

  /** How updates of a platform are handled: also those taken over from an instance that died. */
  handle(platform: string, handler: UpdateHandler): void {
    this.handlers.set(platform, handler);
  }

  get full(): boolean {
    return this.running.size >= this.limit;
  }

  get size(): number {
    return this.running.size;
  }

  /** A webhook's answer to an update: 503 with Retry-After when full, else 200 once the update is kept. */
  async receive(platform: string, payload: unknown, reply: FastifyReply): Promise<FastifyReply> {
    if (this.full) return reply.status(503).header('retry-after', '5').send({ error: 'busy, deliver again later' });
    await this.accept(platform, payload);
    return reply.status(200).send({ ok: true });
  }

  /** Keeps the update, then handles it in the background. Resolves once it is kept. */
  async accept(platform: string, payload: unknown): Promise<void> {
    const handler = this.handlers.get(platform);
    if (!handler) throw new Error(`no handler for ${platform} updates`);
    let seq: number | undefined;
    try {
      seq = await this.store.increment('inbox', 'seq');
      await this.store.set<Entry>('inbox', `e:${seq}`, { platform, payload, at: Date.now() }, KEEP_MS);
    } catch (err) {
      // the store is down: handle it from memory (the person is asked to try again) rather than refuse it
      this.log.warn({ err: String(err), platform }, 'inbox: update not kept; handled from memory only');
      seq = undefined;
    }
    this.track(this.run(handler, payload, seq));
  }

  private async run(handler: UpdateHandler, payload: unknown, seq: number | undefined): Promise<void> {
    if (seq !== undefined) this.mine.add(seq);
    try {
      await handler(payload);
    } finally {
      if (seq !== undefined) {
        await this.store.delete('inbox', `e:${seq}`).catch(() => undefined);
        this.mine.delete(seq);
      }
    }
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => this.log.error({ err: String(err) }, 'inbox: update failed')).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /**
   * Handles the entries an instance left behind; returns how many. Entries are numbered, and
   * the number below which all are done is kept, so a sweep reads only the recent ones.
   */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    const last = await this.store.count('inbox', 'seq');
    const low = (await this.store.get<number>('inbox', 'low')) ?? 0;
    let done = low;
    let blocked = false;
    let taken = 0;
    for (let from = low, batches = 0; from < last && batches < SWEEP_MAX_BATCHES; from += SWEEP_BATCH, batches++) {
      const numbers = Array.from({ length: Math.min(SWEEP_BATCH, last - from) }, (_, i) => from + 1 + i);
      const entries = await Promise.all(numbers.map((n) => this.store.get<Entry>('inbox', `e:${n}`)));
      const now = Date.now();
      for (const [i, entry] of entries.entries()) {
        const n = numbers[i]!;
        let pending = entry !== undefined;
        // (when this instance is full, orphans wait for the next sweep)
        if (entry !== undefined && !this.mine.has(n) && now - entry.at >= this.orphanAfterMs && !this.full) {
          const handler = this.handlers.get(entry.platform);
          if (handler) {
            // dated anew first, so that other instances' sweeps leave it to this one
            await this.store.set<Entry>('inbox', `e:${n}`, { ...entry, at: now }, KEEP_MS);
            taken++;
            this.log.warn({ platform: entry.platform, age_ms: now - entry.at }, 'inbox: taking over an update left by a stopped instance');
            this.track(this.run(handler, entry.payload, n));
          } else if (now - entry.at >= UNHANDLED_MS) {
            this.log.error({ platform: entry.platform }, 'inbox: dropping an update no instance here handles');
            await this.store.delete('inbox', `e:${n}`);
            pending = false;
          }
        }
        if (pending) blocked = true; // not finished: the mark stays below it
        if (!blocked) done = n;
      }
    }
    if (done > low) await this.store.set('inbox', 'low', done);
    return taken;
  }

  /** Sweeps every `everyMs` (half a claim's life by default) until `drain`. */
  startSweeping(everyMs = Math.max(500, Math.min(10_000, CLAIM_TTL_MS / 2))): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      this.sweep().catch((err: unknown) => this.log.warn({ err: String(err) }, 'inbox: sweep failed'));
    }, everyMs);
    this.sweeper.unref();
  }

  /** Stops sweeping and waits for the updates being handled (graceful shutdown). */
  async drain(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    await this.sweeping?.catch(() => undefined);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
