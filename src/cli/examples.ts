import { parseArgs } from 'node:util';
import { loadKnowledge } from '../core/build.js';
import { AddedExamples } from '../review/added-examples.js';
import { openStore } from '../storage/open-store.js';
import { printable } from '../util/redact.js';
import { t } from './text.js';

/**
 * `examples export [--intent ID]`: the example questions editors added in the console, per intent, to
 * append to data/examples/<intent>.txt and commit (`--intent ID >> data/examples/ID.txt` for one).
 */
export async function examplesCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'export') throw new Error(t('examples.needs_sub'));
  const { values } = parseArgs({ args: rest, options: { intent: { type: 'string' } } });
  const store = openStore(process.env);
  try {
    const knowledge = loadKnowledge();
    const added = new AddedExamples(store, knowledge.examples, (text) => text, knowledge.knowledge.intents);
    const byIntent = await added.byIntent();
    if (values.intent) {
      for (const line of byIntent.get(values.intent) ?? []) console.log(printable(line));
      return;
    }
    if (byIntent.size === 0) console.log(t('examples.none'));
    for (const [intent, lines] of [...byIntent].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`# data/examples/${intent}.txt`);
      for (const line of lines) console.log(printable(line));
      console.log('');
    }
  } finally {
    await store.close();
  }
}
