import { randomBytes } from 'node:crypto';
import type { ChannelName } from '../core/message.js';
import type { Store } from '../storage/store.js';
import type { Claim, Closing, Delivery, Handoff, HandoffState, Outcome, StaffEntry, Turn } from './handoff.js';
import { localityKey } from './office-hours.js';

/** A handed-over conversation is kept this long (then its record and queue place go). */
const KEEP_MS = 30 * 86_400_000;
/** At most this many conversations in a queue's index (the oldest fall off). */
const QUEUE_CAP = 2000;
/** A citizen's messages kept per conversation once it is handed over. */
const MAX_CITIZEN_TURNS = 50;
const ID = /^[0-9a-f]{16}$/;

export interface HandoffView extends Handoff {
  state: HandoffState;
  claim?: Claim;
  closing?: Closing;
}

/**
 * The handed-over conversations in the store, with the operations that must be atomic across
 * instances: one open request per citizen, one agent's claim at a time (set if absent; it runs out
 * when left idle, and the conversation is back in the queue), one closing.
 */
export class HandoffBook {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    /** a claim nobody acts on for this long returns the conversation to the queue */
    readonly claimIdleMs = 15 * 60_000,
  ) {}

  /** The citizen's open request, or a new one. `created` is false when one was open already. */
  async request(input: Omit<Handoff, 'id' | 'createdAt'>): Promise<{ handoff: Handoff; created: boolean }> {
    const open = await this.activeFor(input.channel, input.userId);
    if (open) return { handoff: open, created: false };
    const handoff: Handoff = { ...input, id: randomBytes(8).toString('hex'), createdAt: this.clock().toISOString() };
    if (!(await this.store.setIfAbsent('handoff', `active:${input.channel}:${input.userId}`, handoff.id, KEEP_MS))) {
      // another message of this citizen, on another instance, got there first
      const other = await this.activeFor(input.channel, input.userId);
      if (other) return { handoff: other, created: false };
    }
    await this.store.set('handoff', `h:${handoff.id}`, handoff, KEEP_MS);
    const score = this.clock().getTime();
    await Promise.all([this.store.bumpRanked('handoff', 'queue:all', handoff.id, score, QUEUE_CAP), this.store.bumpRanked('handoff', `queue:${localityKey(handoff.locality)}`, handoff.id, score, QUEUE_CAP)]);
    return { handoff, created: true };
  }

  async get(id: string): Promise<HandoffView | undefined> {
    if (!ID.test(id)) return undefined;
    const handoff = await this.store.get<Handoff>('handoff', `h:${id}`);
    if (!handoff) return undefined;
    const [claim, closing] = await Promise.all([this.store.getFlag<Claim>('handoff', `claim:${id}`), this.store.getFlag<Closing>('handoff', `closed:${id}`)]);
    const state: HandoffState = closing ? 'closed' : claim ? 'claimed' : 'waiting';
    return { ...handoff, state, ...(claim && !closing ? { claim } : {}), ...(closing ? { closing } : {}) };
  }

  /** The citizen's request still open (waiting or claimed). */
  async activeFor(channel: ChannelName, userId: string): Promise<HandoffView | undefined> {
    const id = await this.store.getFlag<string>('handoff', `active:${channel}:${userId}`);
    const view = id ? await this.get(id) : undefined;
    return view && view.state !== 'closed' ? view : undefined;
  }

  /** The newest conversations of one locality (or of all), open ones only unless `closed` is asked. */
  async list(locality: string | undefined, options: { closed?: boolean; limit?: number } = {}): Promise<HandoffView[]> {
    const ranked = await this.store.topRanked('handoff', locality === undefined ? 'queue:all' : `queue:${localityKey(locality)}`, 500);
    const views = await Promise.all(ranked.map((r) => this.get(r.member)));
    return views
      .filter((v): v is HandoffView => v !== undefined && (options.closed ? v.state === 'closed' : v.state !== 'closed'))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, options.limit ?? 200);
  }

  /** One agent at a time: true when this agent holds the claim now (taken now, or held already). */
  async claim(id: string, by: string): Promise<'ok' | 'taken' | 'closed'> {
    if (await this.store.getFlag('handoff', `closed:${id}`)) return 'closed';
    const claim: Claim = { by, at: this.clock().toISOString() };
    if (await this.store.setIfAbsent('handoff', `claim:${id}`, claim, this.claimIdleMs)) return 'ok';
    return (await this.holds(id, by)) ? 'ok' : 'taken';
  }

  /** True when `by` holds the claim; the claim's idle time starts again. */
  async holds(id: string, by: string): Promise<boolean> {
    const claim = await this.store.getFlag<Claim>('handoff', `claim:${id}`);
    if (claim?.by !== by) return false;
    await this.store.setFlag('handoff', `claim:${id}`, claim, this.claimIdleMs);
    return true;
  }

  /** Gives the conversation back to the queue (only its holder can). */
  async release(id: string, by: string): Promise<boolean> {
    if (!(await this.holds(id, by))) return false;
    await this.store.deleteFlag('handoff', `claim:${id}`);
    return true;
  }

  async addEntry(id: string, kind: StaffEntry['kind'], by: string, text: string): Promise<StaffEntry> {
    const n = await this.store.increment('handoff', `entries:${id}`, 1, KEEP_MS);
    const entry: StaffEntry = { n, kind, by, at: this.clock().toISOString(), text };
    await this.store.set('handoff', `e:${id}:${n}`, entry, KEEP_MS);
    return entry;
  }

  async entries(id: string): Promise<StaffEntry[]> {
    const count = await this.store.count('handoff', `entries:${id}`);
    const all = await Promise.all(Array.from({ length: count }, (_, i) => this.store.get<StaffEntry>('handoff', `e:${id}:${i + 1}`)));
    return all.filter((e): e is StaffEntry => e !== undefined);
  }

  /** A message the citizen sent while the conversation was with staff. */
  async addCitizenTurn(id: string, text: string): Promise<void> {
    const n = await this.store.increment('handoff', `turns:${id}`, 1, KEEP_MS);
    if (n <= MAX_CITIZEN_TURNS) await this.store.set<Turn>('handoff', `t:${id}:${n}`, { at: this.clock().toISOString(), from: 'citizen', text }, KEEP_MS);
  }

  async citizenTurns(id: string): Promise<Turn[]> {
    const count = Math.min(MAX_CITIZEN_TURNS, await this.store.count('handoff', `turns:${id}`));
    const all = await Promise.all(Array.from({ length: count }, (_, i) => this.store.get<Turn>('handoff', `t:${id}:${i + 1}`)));
    return all.filter((t): t is Turn => t !== undefined);
  }

  /** Closes once (the first closing wins); the citizen is free to ask again. */
  async close(id: string, outcome: Outcome, by: string): Promise<boolean> {
    const handoff = await this.store.get<Handoff>('handoff', `h:${id}`);
    if (!handoff) return false;
    const closing: Closing = { outcome, by, at: this.clock().toISOString() };
    if (!(await this.store.setIfAbsent('handoff', `closed:${id}`, closing, KEEP_MS))) return false;
    await this.store.deleteFlag('handoff', `claim:${id}`);
    if ((await this.store.getFlag<string>('handoff', `active:${handoff.channel}:${handoff.userId}`)) === id) await this.store.deleteFlag('handoff', `active:${handoff.channel}:${handoff.userId}`);
    return true;
  }

  /** Shown to a citizen once per conversation and state ("Cán bộ đang xem câu hỏi của bạn"). */
  firstNotice(id: string, state: HandoffState): Promise<boolean> {
    return this.store.setIfAbsent('handoff', `noticed:${id}:${state}`, 1, KEEP_MS);
  }

  /** When the citizen last wrote (Zalo OA: a consultation message may only follow within a window of it). */
  async noteSeen(channel: ChannelName, userId: string): Promise<void> {
    await this.store.setFlag('handoff', `seen:${channel}:${userId}`, this.clock().getTime(), KEEP_MS);
  }

  lastSeen(channel: ChannelName, userId: string): Promise<number | undefined> {
    return this.store.getFlag<number>('handoff', `seen:${channel}:${userId}`);
  }

  /** What became of an answer (and its number in the citizen's outbox). */
  async setDelivery(id: string, entry: number, outboxN: number, delivery: Delivery): Promise<void> {
    await this.store.set('handoff', `d:${id}:${entry}`, { outboxN, delivery }, KEEP_MS);
  }

  delivery(id: string, entry: number): Promise<{ outboxN: number; delivery: Delivery } | undefined> {
    return this.store.get('handoff', `d:${id}:${entry}`);
  }
}
