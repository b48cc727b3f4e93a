import { extractEntities, type Entities, type ServiceName } from './entities.js';
import { expandAbbreviations, splitGluedNumbers } from './expand.js';
import { foldedWords, hasVietnameseMarks, toNfc } from './fold.js';
import { detectLanguage, type Language } from './language.js';
import type { Lexicon } from './lexicon.js';
import type { Crosswalk } from './gloss.js';
import { SpellingCorrector } from './spelling.js';

/** What the assistant made of one message. The original text is kept for replies and logs. */
export interface Understanding {
  /** the message as typed, in NFC */
  original: string;
  /** folded words as typed */
  words: string[];
  /** folded words after abbreviation expansion and typo correction */
  expanded: string[];
  /** expanded words joined by single spaces: what phrases are matched against */
  text: string;
  language: Language | undefined;
  entities: Entities;
  /** an English message read through the crosswalk as Vietnamese words, when the table knows some of its words */
  gloss?: Understanding;
  /** a long letter's question: its last sentence that asks (a letter's story weighs against every topic) */
  question?: Understanding;
}

export interface Vocabulary {
  /** words of the knowledge base's phrases: the targets of typo correction */
  domainWords: ReadonlySet<string>;
  /** folded syllables of the plans and the answers: valid words never "corrected" */
  vietnameseSyllables: ReadonlySet<string>;
  /** English words (a dictionary): in an English message they are words, not typos ("take" is not "make", "place" not "plane") */
  englishDictionary?: ReadonlySet<string>;
  /** the knowledge base's phrases: which domain words go together ("can cuoc", "dang nhap") */
  domainPhrases?: readonly string[];
  /** pairs of neighbouring words in the plans, the answers and the example questions: pairs that are not typos */
  bigrams?: ReadonlySet<string>;
}

export class Understander {
  private readonly speller: SpellingCorrector;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly vocabulary: Vocabulary,
    private readonly services: ServiceName[],
    private readonly crosswalk?: Crosswalk,
  ) {
    const known = new Set([...vocabulary.vietnameseSyllables, ...lexicon.englishWords, ...lexicon.abbreviations.keys()]);
    this.speller = new SpellingCorrector(vocabulary.domainWords, known, {
      phrases: vocabulary.domainPhrases ?? [],
      bigrams: vocabulary.bigrams ?? new Set(),
      abbreviations: lexicon.abbreviations,
    });
  }

  understand(message: string): Understanding {
    const understanding = this.read(message);
    const gloss = this.glossOf(understanding);
    if (gloss) understanding.gloss = gloss;
    const question = askingSentence(understanding);
    if (question) understanding.question = this.read(question);
    return understanding;
  }

  /** The words a message is read as (what rules and example questions are matched against), without its other readings. */
  textOf(message: string): string {
    return this.read(message).text;
  }

  /** An English message read through the crosswalk, when the table knows some of its words. */
  private glossOf(u: Understanding): Understanding | undefined {
    const glossed = u.language === 'en' ? this.crosswalk?.gloss(u.expanded) : undefined;
    const text = glossed?.join(' ');
    if (!glossed || !text || text === u.text) return undefined;
    return { original: u.original, words: u.words, expanded: glossed, text, language: 'vi', entities: extractEntities(text, u.original, this.services) };
  }

  private read(message: string): Understanding {
    const original = toNfc(message);
    const words = splitGluedNumbers(foldedWords(original));
    const language = detectLanguage(original, words, this.lexicon.englishWords, this.vocabulary.vietnameseSyllables);
    // a syllable typed with its marks ("mẫu") is what its writer meant, whatever domain word it is one key from
    const marked = new Set(original.split(/\s+/).filter(hasVietnameseMarks).flatMap(foldedWords));
    const expanded = this.speller.correct(expandAbbreviations(words, this.lexicon), language === 'en' ? this.vocabulary.englishDictionary : undefined, marked);
    const text = expanded.join(' ');
    return { original, words, expanded, text, language, entities: extractEntities(text, original, this.services) };
  }
}

/** Words from which a message counts as a letter whose story may hide its question. */
const LETTER_WORDS = 40;

/** The last sentence of a long message that asks something (ends with "?"), if it is not the whole message. */
function askingSentence(u: Understanding): string | undefined {
  if (u.words.length < LETTER_WORDS) return undefined;
  const sentences = u.original.split(/(?<=[.?!])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  if (sentences.length < 2) return undefined;
  const asking = sentences.filter((s) => s.endsWith('?'));
  const last = asking.at(-1) ?? sentences.at(-1)!;
  return last.length < u.original.trim().length ? last : undefined;
}

