import { parseArgs } from 'node:util';
import { AccountBook, ROLES, type Role } from '../console/accounts.js';
import { AdminAudit } from '../console/admin-audit.js';
import { openStore } from '../storage/open-store.js';
import { clockFromEnv } from '../util/clock.js';

/** The password from the variable named by --password-env, or the first line of standard input: never from the command line, where `ps` and the shell history would show it. */
async function readPassword(variable: string | undefined): Promise<string> {
  if (variable) {
    const value = process.env[variable];
    if (!value) throw new Error(`--password-env ${variable}: the variable is not set or empty`);
    return value;
  }
  const password = process.stdin.isTTY ? await typedUnseen('Password: ') : ((await text(process.stdin)).split(/\r?\n/)[0] ?? '');
  if (!password) throw new Error('no password: give it on standard input (echo "$PW" | ...) or with --password-env VAR');
  return password;
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A line typed at the terminal without showing it (Enter ends it, Ctrl-C stops). */
function typedUnseen(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('stopped'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** `user add | list | passwd | disable | enable`: the console's accounts; the first administrator comes from here. */
export async function userCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const clock = clockFromEnv(process.env);
  const store = openStore(process.env);
  const accounts = new AccountBook(store, clock);
  const audit = new AdminAudit(store, clock);
  try {
    if (sub === 'add') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, locality: { type: 'string' }, 'password-env': { type: 'string' } } });
      if (!values.name || !values.role) throw new Error(`user add needs --name NAME --role ${ROLES.join('|')} (officer: also --unit and --locality; agent: --locality)`);
      const account = await accounts.add(values.name, values.role as Role, await readPassword(values['password-env']), { unit: values.unit, locality: values.locality });
      await audit.record('cli', 'account.add', account.name, account.role);
      console.log(`Account ${account.name} (${account.role}) created. Sign in at /admin/.`);
      return;
    }
    if (sub === 'list') {
      const all = await accounts.list();
      if (all.length === 0) console.log('No accounts yet: user add --name NAME --role admin');
      for (const a of all) console.log(`${a.name}\t${a.role}${a.unit ? `\t${a.unit}, ${a.locality}` : ''}\t${a.disabled ? 'disabled' : 'active'}\tsince ${a.createdAt.slice(0, 10)}`);
      return;
    }
    if (sub === 'passwd') {
      const { values, positionals } = parseArgs({ args: rest, options: { name: { type: 'string' }, 'password-env': { type: 'string' } }, allowPositionals: true });
      const name = values.name ?? positionals[0];
      if (!name) throw new Error('user passwd needs the account NAME');
      await accounts.setPassword(name, await readPassword(values['password-env']));
      await audit.record('cli', 'account.passwd', name);
      console.log(`Password of ${name} changed.`);
      return;
    }
    if (sub === 'disable' || sub === 'enable') {
      const name = rest[0];
      if (!name) throw new Error(`user ${sub} needs the account NAME`);
      await accounts.setDisabled(name, sub === 'disable');
      await audit.record('cli', `account.${sub}`, name);
      console.log(`${name} is ${sub}d${sub === 'disable' ? ': its sessions end at their next request' : ''}.`);
      return;
    }
    throw new Error('user needs a subcommand: add, list, passwd, disable or enable');
  } finally {
    await store.close();
  }
}
