import { readFileSync } from 'node:fs';
import { fold } from './fold.js';

/**
 * English words and phrases of the domain with their Vietnamese counterparts (data/lexicon/crosswalk.json).
 * Few example questions are English; reading an English question through this table as well ("I lost my
 * phone" → "i mat my dien thoai") lets the Vietnamese examples vouch for it. Words the table does not know
 * stay as they are, so a question about something else keeps its unexplained words.
 */
export class Crosswalk {
  /** by first word: each phrase's words and what it stands for, longest first */
  private readonly byFirst = new Map<string, { words: string[]; means: string[] }[]>();

  constructor(phrases: ReadonlyMap<string, string>) {
    for (const [english, vietnamese] of phrases) {
      const words = english.split(' ').filter(Boolean);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, means: vietnamese.split(' ').filter(Boolean) });
      this.byFirst.set(words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** `read` turns a key into the words a message is read as (folded, abbreviations, English base forms). */
  static load(file: string, read: (phrase: string) => string): Crosswalk {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { phrases: Record<string, string> };
    return new Crosswalk(new Map(Object.entries(parsed.phrases).map(([english, vietnamese]) => [read(english), fold(vietnamese)] as const)));
  }

  /** The words with every known phrase (the longest at each place) replaced by its Vietnamese. */
  gloss(words: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      const found = this.byFirst.get(words[i]!)?.find((p) => p.words.every((w, j) => words[i + j] === w));
      if (found) {
        out.push(...found.means);
        i += found.words.length;
      } else out.push(words[i++]!);
    }
    return out;
  }
}
