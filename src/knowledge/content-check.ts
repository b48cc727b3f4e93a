import type { Content } from '../core/locale.js';
import { fold } from '../nlu/fold.js';

/** One intent of data/spec/intents.json. */
export interface IntentSpec {
  id: string;
  about?: string;
  must_mention?: string[][];
}

export interface Spec {
  citizen: IntentSpec[];
  officer: IntentSpec[];
  conversation: IntentSpec[];
  must_not_mention: string[];
}

export interface Finding {
  intent: string;
  severity: 'error' | 'warning';
  problem: string;
}

/** A Vietnamese answer's main text: direct answer and at most four steps. Longer detail goes to "more". */
export const MAX_ANSWER_CHARS = 600;
/** An answer not checked against the law for this long is listed for review. */
export const REVIEW_AFTER_DAYS = 183;
/** The one phone number answers may give: the Ministry of Public Security's hotline (facts.md). */
const ALLOWED_NUMBER = '19000368';
/** Words of places that no longer exist since 2025, beyond the spec's list: any "huyện", any "thị trấn". */
const ABOLISHED_WORDS = ['huyen', 'thi tran'];
/** Conversation intents answer without a source. */
const NO_SOURCE = new Set(['greeting', 'help', 'thanks', 'fallback', 'clarify', 'handoff.request', 'feedback.negative']);

const words = (text: string): string => ` ${fold(text).replace(/[^\p{L}\p{N}/]+/gu, ' ')} `;

function phoneNumbers(text: string): string[] {
  const runs = text.normalize('NFKC').match(/\+?\d[\d .-]{6,}\d/g) ?? [];
  return runs.map((r) => r.replace(/\D/g, '')).filter((digits) => digits.length >= 8 && digits !== ALLOWED_NUMBER);
}

/**
 * Everything an editor can get wrong in the knowledge base, checked on the clock's day: each intent of
 * the spec has rules, a Vietnamese and an English answer, a source in force, buttons; the answer states
 * its required facts and none of the forbidden terms, gives no phone number but the hotline and no
 * address, stays short, and was reviewed in the last six months.
 */
export function checkContent(content: Content, spec: Spec, ruleIntents: ReadonlySet<string>, today: string): Finding[] {
  const findings: Finding[] = [];
  const add = (intent: string, severity: Finding['severity'], problem: string) => findings.push({ intent, severity, problem });
  const forbidden = [...spec.must_not_mention, ...ABOLISHED_WORDS].map((t) => fold(t).replace(/[^\p{L}\p{N}/]+/gu, ' ').trim());
  for (const intent of [...spec.citizen, ...spec.conversation]) {
    const { id } = intent;
    const plan = content.plans[id];
    if (id !== 'fallback' && id !== 'clarify' && !ruleIntents.has(id)) add(id, 'error', 'no rule leads to this intent (rules/*.json)');
    if (!plan) {
      add(id, 'error', 'not in data/answers.json (sources and buttons)');
      continue;
    }
    for (const language of ['vi', 'en'] as const) {
      const answer = content.locales[language].answers[id];
      if (!answer?.text.trim()) add(id, 'error', `no ${language === 'vi' ? 'Vietnamese' : 'English'} answer (locales/${language}.json)`);
      if (!content.locales[language].buttons[id] && !NO_SOURCE.has(id)) add(id, 'warning', `no button label in locales/${language}.json`);
      const all = [answer?.text, answer?.more, ...Object.values(answer?.facets ?? {})].filter(Boolean).join('\n');
      const folded = words(all);
      const term = forbidden.find((t) => folded.includes(` ${t} `));
      if (term) add(id, 'error', `${language}: uses "${term}", which no longer exists since 2025 (say Công an cấp xã, Trung tâm Phục vụ hành chính công)`);
      for (const number of phoneNumbers(all)) add(id, 'error', `${language}: gives the number ${number}; the only number allowed is 1900 0368`);
      if (/\b(so nha|ngo \d|duong \d|\d+ duong|\d+ pho)\b/.test(folded)) add(id, 'error', `${language}: seems to give a street address`);
    }
    const vi = content.locales.vi.answers[id]?.text ?? '';
    for (const options of intent.must_mention ?? []) {
      if (!options.some((o) => words(vi).includes(` ${fold(o).replace(/[^\p{L}\p{N}/]+/gu, ' ').trim()} `) || fold(vi).includes(fold(o)))) {
        add(id, 'error', `the Vietnamese answer must mention one of: ${options.join(' / ')}`);
      }
    }
    if (vi.length > MAX_ANSWER_CHARS) add(id, 'error', `the Vietnamese answer has ${vi.length} characters (at most ${MAX_ANSWER_CHARS}; put detail under "more")`);
    if (plan.next.length < 2 || plan.next.length > 4) add(id, 'error', `offers ${plan.next.length} next questions (2 to 4)`);
    if (!NO_SOURCE.has(id)) {
      if (plan.cites.length === 0) add(id, 'error', 'cites no document (data/answers.json "cites")');
      for (const key of plan.cites) {
        const problem = content.legal.problemWith(key, today);
        if (problem) add(id, 'error', `cites ${key} (${content.legal.documents[key]?.number || key}), which is ${problem === 'plan' ? 'a plan: plans are history for citizens, cite the law or official guidance' : `${problem} on ${today}`}`);
      }
      if (!plan.reviewed) add(id, 'error', 'has no "reviewed" date in data/answers.json');
      else if ((Date.parse(today) - Date.parse(plan.reviewed)) / 86_400_000 > REVIEW_AFTER_DAYS) add(id, 'warning', `not reviewed since ${plan.reviewed} (more than 6 months)`);
    }
  }
  return findings;
}

/** The findings as an editor reads them, grouped by intent, errors first. */
export function formatFindings(findings: Finding[], checked: number): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const lines: string[] = [];
  const byIntent = new Map<string, Finding[]>();
  for (const f of [...errors, ...findings.filter((f) => f.severity === 'warning')]) byIntent.set(f.intent, [...(byIntent.get(f.intent) ?? []), f]);
  for (const [intent, list] of byIntent) {
    lines.push(intent);
    for (const f of list) lines.push(`  ${f.severity === 'error' ? 'ERROR' : 'warning'}: ${f.problem}`);
  }
  lines.push(`${checked} intents checked: ${errors.length} error(s), ${findings.length - errors.length} warning(s).`);
  return lines.join('\n');
}
