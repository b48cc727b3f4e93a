import { join } from 'node:path';
import { BroadcastQueue } from '../broadcasts/broadcast-queue.js';
import { sendersFromEnv } from '../broadcasts/senders-from-env.js';
import type { Sender } from '../broadcasts/senders.js';
import { Subscriptions } from '../broadcasts/subscriptions.js';
import { CampaignBook } from '../campaigns/campaign-book.js';
import { CampaignStats } from '../campaigns/campaign-stats.js';
import { CitizenAnswers } from '../core/citizen-answers.js';
import type { KnowledgeParts } from '../core/build.js';
import { silentLogger } from '../core/logger.js';
import type { Reply } from '../core/message.js';
import type { Language } from '../nlu/language.js';
import { OfficerRegistry } from '../officers/registry.js';
import { AddedExamples } from '../review/added-examples.js';
import { ReviewList } from '../review/review-list.js';
import { LocalStore } from '../storage/local-store.js';
import type { Store } from '../storage/store.js';
import { TaskBook } from '../tasks/task-book.js';
import { AccountBook } from './accounts.js';
import { createHandoffParts, handoffText } from '../core/build.js';
import { citizenPoster } from '../channels/citizen-poster.js';
import type { HandoffBook } from '../handoff/handoff-book.js';
import type { OfficeHours } from '../handoff/office-hours.js';
import { StaffDesk, type CitizenPoster } from '../handoff/staff-desk.js';
import { AdminAudit } from './admin-audit.js';

/** What the console works with: the same classes the assistant and the CLI use, over the same store. */
export interface ConsoleParts {
  store: Store;
  clock: () => Date;
  knowledge: KnowledgeParts;
  accounts: AccountBook;
  audit: AdminAudit;
  campaigns: CampaignBook;
  stats: CampaignStats;
  review: ReviewList;
  examples: AddedExamples;
  officers: OfficerRegistry;
  tasks: TaskBook;
  broadcasts: BroadcastQueue;
  senders: () => Record<string, Sender | undefined>;
  /** PUBLIC_URL, TELEGRAM_BOT_USERNAME, ZALO_OA_LINK, PORT and the bot token (for the t.me link) */
  env: Record<string, string | undefined>;
  /** the reply a citizen gets for a question now, without counting it anywhere */
  preview: (text: string, language: Language) => Promise<Reply>;
  /** "Ask a person": the queue, and the desk agents answer from */
  handoff: { book: HandoffBook; hours: OfficeHours; desk: StaffDesk };
}

export interface ConsoleDependencies {
  store: Store;
  knowledge: KnowledgeParts;
  clock?: () => Date;
  env?: Record<string, string | undefined>;
  userHashSalt?: string | undefined;
  /** how answers reach citizens; by default the channels the environment configures */
  poster?: CitizenPoster;
}

export function createConsole(deps: ConsoleDependencies): ConsoleParts {
  const { store, knowledge } = deps;
  const clock = deps.clock ?? (() => new Date());
  const env = deps.env ?? {};
  const campaigns = new CampaignBook(store, clock);
  const dataDir = join(knowledge.root, 'data');
  const tasks = TaskBook.load(join(dataDir, 'tasks'), knowledge.units, store, knowledge.succession).watch(join(dataDir, 'tasks'), join(dataDir, 'units.json'));
  const normalise = (text: string) => knowledge.understander.textOf(text);
  // the citizen's path itself, with a review list of its own that nobody reads: a preview is not a question
  const answers = new CitizenAnswers(knowledge.topics, knowledge.renderer, new ReviewList(LocalStore.memory()), silentLogger);
  const idle = Number(env.HANDOFF_CLAIM_IDLE_MINUTES || 15);
  if (!(idle > 0)) throw new Error(`HANDOFF_CLAIM_IDLE_MINUTES="${env.HANDOFF_CLAIM_IDLE_MINUTES}" must be a number of minutes above 0`);
  const handoff = createHandoffParts(store, clock, knowledge.root, idle * 60_000);
  const poster = deps.poster ?? citizenPoster(env, store, handoff.book, clock);
  return {
    handoff: { book: handoff.book, hours: handoff.hours, desk: new StaffDesk(handoff.book, handoff.outbox, poster, handoffText(knowledge.content)) },
    store,
    clock,
    knowledge,
    accounts: new AccountBook(store, clock),
    audit: new AdminAudit(store, clock),
    campaigns,
    stats: new CampaignStats(store, campaigns, clock, deps.userHashSalt || undefined),
    review: new ReviewList(store),
    examples: new AddedExamples(store, knowledge.examples, normalise, knowledge.knowledge.intents),
    officers: new OfficerRegistry(store, clock),
    tasks,
    broadcasts: new BroadcastQueue(store, new Subscriptions(store, clock), clock),
    senders: () => sendersFromEnv(env as NodeJS.ProcessEnv, store),
    env,
    preview: (text, language) => answers.answer(knowledge.understander.understand(text), language, { language }, undefined, false),
  };
}
