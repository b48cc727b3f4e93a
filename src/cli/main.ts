import { dotEnv } from '../env.js';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createAssistant, loadKnowledge, type KnowledgeParts } from '../core/build.js';
import type { Reply } from '../core/message.js';
import { LocalStore } from '../storage/local-store.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { clockFromEnv } from '../util/clock.js';
import { readSamples, runEval, summarise } from './eval.js';
import { importPlanCommand } from './import-plan.js';
import { officerCommand, taskCommand } from './officers.js';
import { campaignCommand } from './campaigns.js';
import { broadcastCommand } from './broadcasts.js';
import { checkCommand } from './check.js';
import { reviewCommand } from './review.js';
import { remindersCommand } from './reminders.js';
import { cliLanguage, describeError, setLanguage, t, takeLanguageOption } from './text.js';
import { userCommand } from './users.js';
import { examplesCommand } from './examples.js';

// `cli ... | head` closes the pipe early: that ends the command quietly, not with a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/** The usage text in the operator's language (locales/cli.vi.json, locales/cli.en.json: "usage.*"). */
function usage(): string {
  return [t('usage.head'), '', t('usage.commands_heading'), t('usage.commands'), '', t('usage.environment'), t('usage.language')].join('\n');
}

export class UsageError extends Error {}

function printReply(reply: Reply): void {
  console.log(reply.text);
  if (reply.buttons.length > 0) console.log(`\n${reply.buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('  ')}`);
}

/** The assistant as every command sees it: the configured store, NOW and the user-hash salt from the environment. */
function assistantFor(store: Store, knowledge: KnowledgeParts = loadKnowledge()) {
  return createAssistant({ store, clock: clockFromEnv(process.env), userHashSalt: process.env.USER_HASH_SALT }, knowledge);
}

/** What `ask --json` prints of a reply. */
function jsonOf(reply: Reply) {
  return {
    intent: reply.intent,
    reply: reply.text,
    buttons: reply.buttons,
    source: reply.source,
    ...(reply.confidence !== undefined ? { confidence: reply.confidence } : {}),
    ...(reply.candidates ? { candidates: reply.candidates } : {}),
    ...(reply.facet ? { facet: reply.facet } : {}),
  };
}

async function withStore<T>(run: (store: Store) => Promise<T>, store: Store = openStore(process.env)): Promise<T> {
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function ask(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { user: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
  const text = positionals.join(' ');
  await withStore(async (store) => {
    const assistant = assistantFor(store);
    const reply = await assistant.handle({ channel: 'console', userId: values.user ?? 'console', text });
    if (values.json) {
      console.log(JSON.stringify(jsonOf(reply)));
    } else printReply(reply);
  });
}

async function chat(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { user: { type: 'string' } } });
  await withStore(async (store) => {
    const assistant = assistantFor(store);
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    const userId = values.user ?? 'console';
    let buttons: Reply['buttons'] = [];
    console.log(`${t('chat.intro')}\n`);
    for await (const line of rl) {
      const input = line.trim();
      if (input === '') break;
      const pressed = /^\d$/.test(input) ? buttons[Number(input) - 1] : undefined;
      const reply = await assistant.handle(
        pressed ? { channel: 'console', userId, button: pressed.payload } : { channel: 'console', userId, text: input },
      );
      printReply(reply);
      console.log('');
      buttons = reply.buttons;
    }
    rl.close();
  });
}

async function evaluate(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, 'no-retrieval': { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError(t('eval.needs_file'));
  const knowledge = loadKnowledge();
  // --no-retrieval: the rules decide alone, to measure what the examples add
  if (values['no-retrieval']) knowledge.topics.decider.settings.retrieval = false;
  // Eval runs in memory: its made-up users never reach the real store.
  await withStore(async (store) => {
    const assistant = assistantFor(store, knowledge);
    for (const file of positionals) {
      const results = await runEval(assistant, readSamples(file));
      if (values.json) {
        for (const r of results) {
          console.log(JSON.stringify({ id: r.id, turn: r.turn, intent: r.intent, verdict: r.verdict, confidence: r.confidence, candidates: r.candidates, reply: r.reply }));
        }
      } else {
        if (positionals.length > 1) console.log(`== ${file}`);
        console.log(summarise(results));
      }
    }
  }, LocalStore.memory());
}

const COMMANDS: Record<string, (args: string[]) => Promise<void | number>> = { ask, chat, eval: evaluate, check: checkCommand, review: reviewCommand, 'import-plan': importPlanCommand, officer: officerCommand, task: taskCommand, campaign: campaignCommand, broadcast: broadcastCommand, reminders: remindersCommand, user: userCommand, examples: examplesCommand };

async function main(argv: string[]): Promise<number> {
  // --lang vi|en wins over LC_ALL, then LANG; Vietnamese by default
  let options: ReturnType<typeof takeLanguageOption>;
  try {
    options = takeLanguageOption(argv);
  } catch {
    setLanguage(cliLanguage(undefined, process.env));
    console.error(t('main.bad_language'));
    return 2;
  }
  setLanguage(cliLanguage(options.lang, process.env));
  if (dotEnv && process.env.LOG_LEVEL !== 'silent') console.error(t('main.settings_read', { file: dotEnv.file }));
  const [command, ...rest] = options.args;
  // "help COMMAND" and "COMMAND --help": the lines of the usage that are about that command
  const about = command === 'help' || command === '--help' || command === '-h' ? rest[0] : rest.includes('--help') || rest.includes('-h') ? command : undefined;
  if (about && COMMANDS[about]) {
    const lines = usage().split('\n').filter((l) => l.trimStart().startsWith(`${about} `) || l.trim() === about || l.trimStart().startsWith(`${about}\t`));
    if (lines.length === 0) {
      console.log(usage());
      return 0;
    }
    const label = t('usage.for_command');
    console.log(`${label} npm run -s cli -- ${lines.map((l) => l.trim()).join(`\n${' '.repeat(label.length)} npm run -s cli -- `)}\n\n${t('usage.environment')}\n${t('usage.language')}`);
    return 0;
  }
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    const unknown = command && command !== 'help' && command !== '--help' && command !== '-h';
    // asked-for help goes to standard output (it can be piped); a wrong command is an error
    if (unknown) console.error(`${t('main.unknown_command', { command })}\n\n${usage()}`);
    else console.log(usage());
    return unknown ? 2 : 0;
  }
  try {
    return (await run(rest)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${describeError(err)}\n\n${usage()}`);
      return 2;
    }
    console.error(t('main.error', { message: describeError(err) }));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
