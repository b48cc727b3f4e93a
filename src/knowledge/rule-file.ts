import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { fold } from '../nlu/fold.js';
import { PHRASE_OPERATORS, type PhraseLists } from './operators.js';

/** One rule as written in rules/*.json: a json-rules-engine rule whose event type is the intent id. */
export interface IntentRule extends RuleProperties {
  name: string;
  priority: number;
  event: { type: string; params?: Record<string, unknown> };
}

/** A condition of a rule as json-rules-engine reads it: a leaf on one fact, or all/any/not of others. */
export interface Condition {
  fact?: string;
  operator?: string;
  value?: unknown;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

function isPhraseCondition(c: Condition): boolean {
  return c.fact === 'text' && (PHRASE_OPERATORS as readonly string[]).includes(c.operator ?? '');
}

/** The same condition tree with every leaf (a condition on one fact) replaced by `leaf(it)`. */
function mapLeaves(c: Condition, leaf: (c: Condition) => Condition): Condition {
  if (c.all) return { ...c, all: c.all.map((x) => mapLeaves(x, leaf)) };
  if (c.any) return { ...c, any: c.any.map((x) => mapLeaves(x, leaf)) };
  if (c.not) return { ...c, not: mapLeaves(c.not, leaf) };
  return leaf(c);
}

/** Every leaf of a condition tree. */
function leavesOf(c: Condition): Condition[] {
  if (c.all) return c.all.flatMap(leavesOf);
  if (c.any) return c.any.flatMap(leavesOf);
  if (c.not) return leavesOf(c.not);
  return [c];
}

/** How a phrase of a rule is brought to the form messages take (folded, abbreviations expanded). */
export type PhraseNormaliser = (phrase: string) => string;

const foldOnly: PhraseNormaliser = (p) => fold(p).replace(/[^\p{L}\p{N}/]+/gu, ' ').trim();

/**
 * Normalises every phrase of every text condition like a message, so editors may write phrases with
 * or without diacritics, and "level 2" in a rule meets "lv2" in a question (both become "muc 2").
 */
function foldPhrases(c: Condition, where: string, normalise: PhraseNormaliser): Condition {
  return mapLeaves(c, (leaf) => {
    if (!isPhraseCondition(leaf)) return leaf;
    if (!Array.isArray(leaf.value) || !leaf.value.every((v) => typeof v === 'string' && v.trim() !== '')) {
      throw new Error(`${where}: operator ${leaf.operator} needs a list of non-empty phrases`);
    }
    return { ...leaf, value: [...new Set((leaf.value as string[]).map(normalise))] };
  });
}

/** The rule as the engine runs it: each phrase list filed in `lists` and named by its key. */
export function withPhraseKeys(rule: IntentRule, lists: PhraseLists): IntentRule {
  const keyed = mapLeaves(rule.conditions as Condition, (leaf) => (isPhraseCondition(leaf) ? { ...leaf, value: lists.keyFor(leaf.value as string[]) } : leaf));
  return { ...rule, conditions: keyed as TopLevelCondition };
}

/** Every folded phrase used by the rule's text conditions (for the vocabulary of typo correction). */
export function phrasesOf(c: Condition): string[] {
  return leavesOf(c).flatMap((leaf) => (isPhraseCondition(leaf) && leaf.operator !== 'mentionsNone' ? (leaf.value as string[]) : []));
}

/** The names of the facts a rule's conditions read (also a fact compared against: {"value": {"fact": ...}}). */
export function factsReadBy(c: Condition): string[] {
  return leavesOf(c).flatMap((leaf) => {
    const compared = leaf.value && typeof leaf.value === 'object' && 'fact' in leaf.value ? [(leaf.value as { fact: unknown }).fact] : [];
    return [leaf.fact, ...compared].filter((f): f is string => typeof f === 'string');
  });
}

/** What a rule's text conditions at the top of its `all` demand of a message. */
export interface TextDemands {
  /** of each list, at least one phrase must be in the message */
  anyOf: string[][];
  /** every phrase of each list must be */
  allOf: string[][];
  /** no phrase of each list may be */
  noneOf: string[][];
}

/**
 * The text conditions a message must meet for the rule to hold (the rule may demand more: levels,
 * age...). Only the top-level `all` is read; conditions under `any` or `not` are left to the engine.
 */
export function textDemandsOf(c: Condition): TextDemands {
  const demands: TextDemands = { anyOf: [], allOf: [], noneOf: [] };
  for (const part of c.all ?? [c]) {
    if (!isPhraseCondition(part)) continue;
    const list = part.value as string[];
    if (part.operator === 'mentionsAny') demands.anyOf.push(list);
    else if (part.operator === 'mentionsAll') demands.allOf.push(list);
    else demands.noneOf.push(list);
  }
  return demands;
}

/**
 * The phrases of which at least one must be in a message for the rule to match,
 * or undefined when the rule can match without any (it is then always evaluated).
 */
export function keyPhrasesOf(c: Condition): string[] | undefined {
  if (isPhraseCondition(c) && c.operator !== 'mentionsNone') return c.value as string[];
  if (c.all) {
    for (const part of c.all) {
      const keys = keyPhrasesOf(part);
      if (keys) return keys;
    }
    return undefined;
  }
  if (c.any) {
    const keys = c.any.map(keyPhrasesOf);
    return keys.every((k) => k !== undefined) ? keys.flat() as string[] : undefined;
  }
  return undefined;
}

export function loadRuleFiles(dir: string, normalise: PhraseNormaliser = foldOnly): IntentRule[] {
  const rules: IntentRule[] = [];
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { rules?: unknown };
    if (!Array.isArray(parsed.rules)) throw new Error(`rules/${file}: expected {"rules": [...]}`);
    parsed.rules.forEach((raw: Partial<IntentRule>, i: number) => {
      const where = `rules/${file} rule ${i + 1}${raw.name ? ` (${raw.name})` : ''}`;
      if (!raw.event?.type) throw new Error(`${where}: event.type (the intent) is required`);
      if (!raw.conditions) throw new Error(`${where}: conditions are required`);
      const name = raw.name ?? `${file}#${i + 1}`;
      if (names.has(name)) throw new Error(`${where}: duplicate rule name "${name}"`);
      names.add(name);
      rules.push({
        name,
        priority: raw.priority ?? 10,
        conditions: foldPhrases(raw.conditions as Condition, where, normalise) as TopLevelCondition,
        event: raw.event,
      });
    });
  }
  return rules;
}
