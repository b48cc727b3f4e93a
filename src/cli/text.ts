import vi from '../../locales/cli.vi.json' with { type: 'json' };
import enFile from '../../locales/cli.en.json' with { type: 'json' };

/**
 * What the command line says to operators, in Vietnamese (default) or English: locales/cli.vi.json and
 * locales/cli.en.json, one key per message, `{name}` for a value, a list of strings for several lines.
 * Machine-readable output (`--json`) is never translated.
 */
export type CliLanguage = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
type Messages = Record<MessageKey, string | string[]>;

// English must have every Vietnamese key (the type check fails otherwise; test/cli/language.test.ts checks both ways).
const en: typeof vi = enFile;
const MESSAGES: Record<CliLanguage, Messages> = { vi, en };

let current: CliLanguage = 'vi';

/**
 * The operator's language: `--lang` wins, then LC_ALL, then LANG; a value starting with "en" is English,
 * anything else (unset, "vi_VN.UTF-8", "C.UTF-8") Vietnamese.
 */
export function cliLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): CliLanguage {
  const chosen = flag ?? (env.LC_ALL || env.LANG || '');
  return chosen.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/**
 * Takes `--lang vi|en` (or `--lang=en`) out of the arguments, wherever it stands before a `--`, so that
 * the commands' own option parsing never sees it. Throws on a language other than vi or en.
 */
export function takeLanguageOption(argv: string[]): { lang: string | undefined; args: string[] } {
  const args: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a === '--lang' || a.startsWith('--lang=')) {
      lang = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (lang !== 'vi' && lang !== 'en') throw new LanguageError(lang);
      continue;
    }
    args.push(a);
  }
  return { lang, args };
}

export class LanguageError extends Error {
  constructor(readonly value: string | undefined) {
    super(`--lang takes vi or en${value === undefined ? '' : `, not "${value}"`}`);
  }
}

export function setLanguage(lang: CliLanguage): void {
  current = lang;
}

export function language(): CliLanguage {
  return current;
}

/** The message `key` in the operator's language, with `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const raw = MESSAGES[current][key];
  const text = Array.isArray(raw) ? raw.join('\n') : raw;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For tests: every key and its text in one language. */
export function messagesOf(lang: CliLanguage): Readonly<Messages> {
  return MESSAGES[lang];
}

/**
 * An error's message for the operator: Node's option-parsing and file errors in the operator's language
 * (the option or file named as the operator typed it), anything else as thrown (the CLI's own errors are
 * translated where they are thrown).
 */
export function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; path?: string };
  const message = e.message ?? String(err);
  const quoted = /'([^']*)'/.exec(message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return quoted ? t('args.unknown_option', { option: quoted }) : message;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!quoted) return message;
      return /argument missing/.test(message) ? t('args.needs_value', { option: quoted.replace(/ <value>$/, '') }) : t('args.takes_no_value', { option: quoted });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return quoted !== undefined ? t('args.unexpected', { value: quoted }) : message;
    case 'ENOENT':
      return e.path ? t('file.not_found', { path: e.path }) : message;
    case 'EACCES':
    case 'EPERM':
      return e.path ? t('file.no_access', { path: e.path }) : message;
    case 'EISDIR':
      return t('file.is_directory');
    default:
      return message;
  }
}
