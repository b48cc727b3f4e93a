import type { ExampleIndex } from '../knowledge/examples.js';
import type { Store } from '../storage/store.js';
import { printable } from '../util/redact.js';

/** An example question an editor gave an intent from the console (kept until committed to data/examples). */
export interface AddedExample {
  intent: string;
  /** as the editor confirmed it, personal data removed */
  text: string;
  by: string;
  at: string;
}

/**
 * Editors' example questions: kept in the store, added to the live ExampleIndex at once (no restart),
 * added again at every start, and exported per intent for data/examples/<intent>.txt.
 */
export class AddedExamples {
  constructor(
    private readonly store: Store,
    private readonly index: ExampleIndex,
    /** the text the index holds: the same normalisation as the example files get */
    private readonly normalise: (text: string) => string,
    private readonly intents: ReadonlySet<string>,
  ) {}

  async add(intent: string, text: string, by: string, at: Date): Promise<AddedExample> {
    if (!this.intents.has(intent)) throw new Error(`unknown intent "${intent}"`);
    const clean = printable(text).replace(/\s+/g, ' ').trim();
    if (!clean) throw new Error('the example is empty');
    const example: AddedExample = { intent, text: clean, by, at: at.toISOString() };
    const slot = await this.store.increment('example', 'slots');
    await this.store.set('example', `slot:${slot}`, example);
    this.index.add(intent, this.normalise(clean));
    return example;
  }

  async list(): Promise<AddedExample[]> {
    const slots = await this.store.count('example', 'slots');
    const all = await Promise.all(Array.from({ length: slots }, (_, i) => this.store.get<AddedExample>('example', `slot:${i + 1}`)));
    return all.filter((e): e is AddedExample => e !== undefined);
  }

  /** Puts the kept examples back into a fresh index (at start). Returns how many. */
  async restore(): Promise<number> {
    const all = await this.list();
    for (const e of all) this.index.add(e.intent, this.normalise(e.text));
    return all.length;
  }

  /** The examples per intent, in the order they were added: the lines to append to data/examples/<intent>.txt. */
  async byIntent(): Promise<Map<string, string[]>> {
    const grouped = new Map<string, string[]>();
    for (const e of await this.list()) grouped.set(e.intent, [...new Set([...(grouped.get(e.intent) ?? []), e.text])]);
    return grouped;
  }
}
