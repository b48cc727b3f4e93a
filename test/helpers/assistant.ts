import { createAssistant, loadKnowledge, type KnowledgeParts } from '../../src/core/build.js';
import type { Assistant } from '../../src/core/assistant.js';
import { LocalStore } from '../../src/storage/local-store.js';
import type { Store } from '../../src/storage/store.js';

let knowledge: KnowledgeParts | undefined;

/** The real rules, lexicon and locales, loaded once per test file. */
export function sharedKnowledge(): KnowledgeParts {
  knowledge ??= loadKnowledge();
  return knowledge;
}

export function testAssistant(options: { store?: Store; now?: () => Date } = {}): Assistant {
  return createAssistant({ store: options.store ?? LocalStore.memory(), clock: options.now ?? (() => new Date('2026-11-22T09:00:00Z')) }, sharedKnowledge());
}

export async function ask(assistant: Assistant, text: string, userId = 'u1') {
  return assistant.handle({ channel: 'console', userId, text });
}
