import type { Candidate } from '../knowledge/decide.js';
import { OUT_OF_SCOPE } from '../knowledge/examples.js';
import type { TopicFinder } from '../knowledge/topic-finder.js';
import type { Language } from '../nlu/language.js';
import type { Understanding } from '../nlu/understand.js';
import type { ReviewList } from '../review/review-list.js';
import type { Logger } from './logger.js';
import type { Reply } from './message.js';
import { MAX_BUTTONS, type Renderer } from './render.js';
import type { Session } from './session.js';

/** A fallback offers its best candidate as a button when it scored at least this close below the clarify threshold. */
const GUESS_BELOW_CLARIFY = 0.2;

/** An answer this close above the answer threshold still goes to the review list. */
const LOW_CONFIDENCE_BAND = 0.1;

/**
 * A citizen's question in, a reply out: an answer, a facet of the current topic, "Ý bạn là…?" or the
 * honest fallback; 👎 and "sai rồi" apologise and offer the other candidates. Every miss is recorded
 * for editors (review list), never at the cost of the reply.
 */
export class CitizenAnswers {
  constructor(
    private readonly topics: TopicFinder,
    private readonly renderer: Renderer,
    private readonly review: ReviewList,
    private readonly log: Logger,
  ) {}

  async answer(u: Understanding, language: Language, session: Session, previousIntent: string | undefined, isOfficer: boolean): Promise<Reply> {
    const found = await this.topics.find(u, { ...(previousIntent ? { previousIntent } : {}), isOfficer });
    const { renderer } = this;
    if (found.intent === 'feedback.negative') return this.negative(session, language);
    let reply: Reply;
    if (found.outcome === 'facet' && previousIntent) {
      reply = renderer.facet(previousIntent, found.facet!, language, found.intent ?? previousIntent) ?? renderer.answer(found.intent ?? previousIntent, language, u);
    } else if (found.outcome === 'answer' && found.intent) {
      reply = renderer.answer(found.intent, language, u, found.asked);
      const low = found.confidence < this.topics.decider.settings.answer + LOW_CONFIDENCE_BAND;
      if (low) await this.remember(u.original, 'low_confidence', found.intent);
    } else if (found.outcome === 'clarify') {
      reply = renderer.clarify(found.candidates.map((c) => c.intent), language);
      await this.remember(u.original, 'clarify', found.intent);
    } else {
      reply = this.fallback(found.candidates, language);
      await this.remember(u.original, 'fallback', found.intent);
    }
    return { ...reply, confidence: found.confidence, ...(found.outcome === 'clarify' ? {} : { candidates: found.candidates.map((c) => c.intent).slice(0, 3) }) };
  }

  /**
   * "I don't know", with the assistant's best guess as the first button when it had one worth
   * offering: the person can check it in one tap instead of retyping.
   */
  private fallback(candidates: Candidate[], language: Language): Reply {
    const reply = this.renderer.answer('fallback', language);
    const floor = this.topics.decider.settings.clarify - GUESS_BELOW_CLARIFY;
    // a question that looks most like the near-domain ones the assistant must not answer gets no guess
    const guess = candidates[0]?.intent === OUT_OF_SCOPE ? undefined : candidates.find((c) => c.score >= floor && this.renderer.hasAnswer(c.intent));
    if (!guess) return reply;
    // the guess takes the place of a general topic; the last button (ask a person) stays
    const rest = reply.buttons.filter((b) => b.payload !== `q:${guess.intent}`);
    const kept = rest.length < MAX_BUTTONS ? rest : [...rest.slice(0, MAX_BUTTONS - 2), rest.at(-1)!];
    return { ...reply, buttons: [this.renderer.button(guess.intent, language), ...kept] };
  }

  /** 👎 or "sai rồi": sorry, the question goes to the editors, and the other topics it might have been. */
  async negative(session: Session, language: Language): Promise<Reply> {
    if (session.lastQuestion) await this.remember(session.lastQuestion, 'negative', session.lastIntent);
    const reply = this.renderer.answer('feedback.negative', language);
    const others = (session.lastCandidates ?? []).filter((c) => c !== session.lastIntent).slice(0, 3);
    if (others.length === 0) return reply;
    return { ...reply, buttons: [...others.map((c) => this.renderer.button(c, language)), this.renderer.button('help', language)].slice(0, 4) };
  }

  private async remember(question: string, reason: 'fallback' | 'clarify' | 'low_confidence' | 'negative', intent: string | undefined): Promise<void> {
    try {
      await this.review.record(question, reason, intent);
    } catch (err) {
      this.log.error({ err: String(err) }, 'review list not updated');
    }
  }
}
