import { readFileSync } from 'node:fs';
import { fold } from './fold.js';

/** A contextual abbreviation: "dk" means "được" after a verb at the end of a question, "đăng ký" elsewhere. */
export interface ContextualAbbreviation {
  word: string;
  means: string;
  /** the expansion applies only right after one of these (folded, possibly multi-word) */
  after?: string[];
  /** ...and only at the end of the message or before one of these */
  before_end_or?: string[];
  /** only right after a number ("25t": 25 tuổi) */
  after_number?: boolean;
  /** the expansion applies only right before one of these */
  before?: string[];
}

export interface Lexicon {
  abbreviations: Map<string, string[]>;
  contextual: ContextualAbbreviation[];
  englishWords: Set<string>;
}

interface AbbreviationFile {
  words: Record<string, string>;
  contextual: ContextualAbbreviation[];
}

export function loadLexicon(dir: string): Lexicon {
  const abbr = JSON.parse(readFileSync(`${dir}/abbreviations.json`, 'utf8')) as AbbreviationFile;
  const english = JSON.parse(readFileSync(`${dir}/english.json`, 'utf8')) as { words: string[] };
  const abbreviations = new Map<string, string[]>();
  for (const [short, long] of Object.entries(abbr.words)) {
    abbreviations.set(fold(short), fold(long).split(' '));
  }
  return {
    abbreviations,
    contextual: abbr.contextual.map((c) => ({ ...c, word: fold(c.word), means: fold(c.means) })),
    englishWords: new Set(english.words.map(fold)),
  };
}
