import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decider, loadDecisionSettings } from '../knowledge/decide.js';
import { ExampleIndex, readExampleFiles } from '../knowledge/examples.js';
import { FacetReader } from '../knowledge/facets.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { TopicFinder } from '../knowledge/topic-finder.js';
import { WordWeights } from '../nlu/word-weights.js';
import { loadRuleFiles } from '../knowledge/rule-file.js';
import { foldedWords, hasVietnameseMarks } from '../nlu/fold.js';
import type { Language } from '../nlu/language.js';
import { expandAbbreviations, splitGluedNumbers } from '../nlu/expand.js';
import { loadLexicon } from '../nlu/lexicon.js';
import { Understander, type Understanding } from '../nlu/understand.js';
import { Subscriptions } from '../broadcasts/subscriptions.js';
import { CampaignBook } from '../campaigns/campaign-book.js';
import { CampaignStats } from '../campaigns/campaign-stats.js';
import { OfficerDesk } from '../officers/desk.js';
import { OfficerRegistry } from '../officers/registry.js';
import { ReminderPreferences } from '../officers/reminders.js';
import type { Store } from '../storage/store.js';
import { ReviewList } from '../review/review-list.js';
import { Succession } from '../tasks/succession.js';
import { TaskBook } from '../tasks/task-book.js';
import { UnitDirectory } from '../tasks/units.js';
import { Assistant } from './assistant.js';
import { loadContent, type Content } from './locale.js';
import { silentLogger, type Logger } from './logger.js';
import { fill } from '../util/fill.js';
import { Renderer } from './render.js';
import { Crosswalk } from '../nlu/gloss.js';
import englishWordsPath from 'word-list';
import { Sessions } from './session.js';
import { HandoffBook } from '../handoff/handoff-book.js';
import { HandoffTalk } from '../handoff/handoff-talk.js';
import { OfficeHours } from '../handoff/office-hours.js';
import { Outbox } from '../handoff/outbox.js';

/** The word-list package's English words, read once per process (274,000 words, about 3 MB). */
let english: ReadonlySet<string> | undefined;
function englishDictionary(): ReadonlySet<string> {
  english ??= new Set(readFileSync(englishWordsPath, 'utf8').split('\n'));
  return english;
}

/** The project's top folder (rules/, locales/, data/ live there). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ServiceEntry {
  id: string;
  vi: string;
  en: string;
  match: string[];
}

/**
 * Ordinary Vietnamese as the project has it: the plans written with diacritics, the answers and the
 * example questions. Its syllables are real words that typo correction must leave alone, and its pairs of
 * neighbouring words are pairs it must not "correct" ("lam the" is not a typo of "lam thu").
 */
function vietnameseText(root: string, extra: string[], examples: string[]): { syllables: Set<string>; bigrams: Set<string> } {
  const dir = join(root, 'data/plans');
  const plans = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter(hasVietnameseMarks);
  const syllables = new Set([...plans, ...extra].flatMap(foldedWords).filter((w) => !/\d/.test(w)));
  const bigrams = new Set<string>();
  for (const line of [...plans, ...extra, ...examples].flatMap((t) => t.split(/[\n.?!,;:()]+/))) {
    const words = foldedWords(line);
    for (let i = 1; i < words.length; i++) bigrams.add(`${words[i - 1]} ${words[i]}`);
  }
  return { syllables, bigrams };
}

export interface KnowledgeParts {
  knowledge: KnowledgeBase;
  /** the answers, their plans and the legal register, as loaded (what `cli check` checks) */
  content: Content;
  /** rules, retrieval and confidence: from a message to answer, clarify or fallback */
  topics: TopicFinder;
  /** the example questions' index: an example added here is live at once */
  examples: ExampleIndex;
  understander: Understander;
  renderer: Renderer;
  units: UnitDirectory;
  /** today's units: who holds the tasks of departments and localities that no longer exist */
  succession: Succession;
  officerStrings: Record<Language, Record<string, string>>;
  root: string;
}

/** Loads rules, lexicon, services and locales from the project folder. */
export function loadKnowledge(root = PROJECT_ROOT): KnowledgeParts {
  const lexicon = loadLexicon(join(root, 'data/lexicon'));
  // a rule's or a service's phrase is read like a message (folded, expanded, English in its base form), so they meet
  const readPhrase = (p: string): string => expandAbbreviations(splitGluedNumbers(foldedWords(p)), lexicon).join(' ');
  const knowledge = new KnowledgeBase(loadRuleFiles(join(root, 'rules'), readPhrase));
  const services = (JSON.parse(readFileSync(join(root, 'data/lexicon/services.json'), 'utf8')) as { services: ServiceEntry[] }).services;
  const content = loadContent(root);
  const answerTexts = Object.values(content.locales.vi.answers).flatMap((a) => [a.text, a.more ?? '']);
  const exampleFiles = readExampleFiles(join(root, 'data/examples'));
  const vietnamese = vietnameseText(root, answerTexts, [...exampleFiles.values()].flat());
  const understander = new Understander(
    lexicon,
    { domainWords: knowledge.domainWords(), vietnameseSyllables: vietnamese.syllables, englishDictionary: englishDictionary(), domainPhrases: knowledge.domainPhrases(), bigrams: vietnamese.bigrams },
    services.map((s) => ({ id: s.id, match: s.match.map(readPhrase) })),
    Crosswalk.load(join(root, 'data/lexicon/crosswalk.json'), readPhrase),
  );
  const normalise = (text: string): string => understander.textOf(text);
  const examplesByIntent = new Map([...exampleFiles].map(([intent, lines]) => [intent, lines.map(normalise)] as const));
  const weights = WordWeights.load(join(root, 'data/lexicon/weights.json'), normalise);
  weights.learn(examplesByIntent);
  const examples = new ExampleIndex(weights);
  for (const [intent, texts] of examplesByIntent) for (const text of texts) examples.add(intent, text);
  const explain = (intent: string, u: Understanding) => knowledge.explainedBy(intent, u);
  const decider = new Decider(loadDecisionSettings(join(root, 'data/decision.json')), weights, examples, explain);
  const facets = FacetReader.load(join(root, 'data/lexicon/facets.json'), normalise, weights, explain);
  const topics = new TopicFinder(knowledge, decider, facets);
  const byId = new Map(services.map((s) => [s.id, s]));
  const renderer = new Renderer(content, { nameOf: (id: string, language: Language) => byId.get(id)?.[language] });
  const units = UnitDirectory.load(join(root, 'data/units.json'));
  const officerStrings = { vi: content.locales.vi.officer, en: content.locales.en.officer };
  const succession = Succession.load(join(root, 'data/succession.json'), units);
  return { knowledge, content, topics, examples, understander, renderer, units, succession, officerStrings, root };
}

export interface AssistantDependencies {
  store: Store;
  /** salt of the hashed user ids kept with campaign figures */
  userHashSalt?: string | undefined;
  clock?: () => Date;
  log?: Logger;
  root?: string;
  /** HANDOFF_CLAIM_IDLE_MINUTES: a claim left idle this long returns the conversation to the queue */
  claimIdleMs?: number;
}

/** The handoff strings of a language ("Ask a person"), Vietnamese when the other lacks one. */
export function handoffText(content: Content): (language: Language, key: string, values?: Record<string, string>) => string {
  return (language, key, values = {}) => fill(content.locales[language].handoff?.[key] ?? content.locales.vi.handoff?.[key] ?? key, values);
}

/** "Ask a person": the conversations handed to staff, the citizens' outboxes and the office hours, over one store. */
export function createHandoffParts(store: Store, clock: () => Date, root: string, claimIdleMs?: number) {
  return { book: new HandoffBook(store, clock, claimIdleMs), outbox: new Outbox(store, clock), hours: OfficeHours.load(join(root, 'data/office-hours.json')) };
}

export function createAssistant(deps: AssistantDependencies, knowledge: KnowledgeParts = loadKnowledge(deps.root)): Assistant {
  const clock = deps.clock ?? (() => new Date());
  const tasks = TaskBook.load(join(knowledge.root, 'data/tasks'), knowledge.units, deps.store, knowledge.succession).watch(join(knowledge.root, 'data/tasks'), join(knowledge.root, 'data/units.json'));
  const strings = knowledge.officerStrings;
  const book = new CampaignBook(deps.store, clock);
  // without USER_HASH_SALT the salt is generated once and kept in the store: never a public constant that would let hashed ids be reversed
  const stats = new CampaignStats(deps.store, book, clock, deps.userHashSalt || undefined);
  const handoff = createHandoffParts(deps.store, clock, knowledge.root, deps.claimIdleMs);
  const localityOf = async (channel: Parameters<CampaignStats['campaignOf']>[0], userId: string) => {
    const code = await stats.campaignOf(channel, userId);
    return (code ? (await book.get(code))?.locality : undefined) ?? undefined;
  };
  return new Assistant({
    knowledge: knowledge.knowledge,
    topics: knowledge.topics,
    review: new ReviewList(deps.store),
    understander: knowledge.understander,
    renderer: knowledge.renderer,
    sessions: new Sessions(deps.store),
    clock,
    log: deps.log ?? silentLogger,
    officers: new OfficerRegistry(deps.store, clock),
    desk: new OfficerDesk(tasks, knowledge.units, clock, strings, async (locality) => {
      const mine = (await book.list()).filter((c) => c.locality?.toLowerCase() === locality.toLowerCase());
      const intents = [...knowledge.knowledge.intents];
      return Promise.all(mine.map((c) => stats.figures(c.code, c.name, intents, undefined, c.createdAt.slice(0, 10))));
    }, new ReminderPreferences(deps.store, clock, process.env.REMINDER_TIME || '07:30')),
    campaigns: stats,
    subscriptions: new Subscriptions(deps.store, clock),
    handoff: new HandoffTalk({ ...handoff, clock, localityOf, text: handoffText(knowledge.content) }),
    officerText: (language: Language, key: string, values: Record<string, string> = {}) =>
      fill(strings[language][key] ?? strings.vi[key] ?? key, values),
  });
}
