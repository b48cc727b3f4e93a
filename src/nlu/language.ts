import { hasVietnameseMarks } from './fold.js';

export type Language = 'vi' | 'en';

/**
 * English or Vietnamese? Marks settle it; without them, count words that are
 * only English against words that are only Vietnamese syllables. Returns
 * undefined when nothing tells ("qwerty", "ok", a number): the caller keeps the
 * user's language.
 */
export function detectLanguage(
  original: string,
  words: string[],
  englishWords: ReadonlySet<string>,
  vietnameseSyllables: ReadonlySet<string>,
): Language | undefined {
  if (hasVietnameseMarks(original)) return 'vi';
  let en = 0;
  let vi = 0;
  for (const w of words) {
    const isEn = englishWords.has(w);
    const isVi = vietnameseSyllables.has(w);
    if (isEn && !isVi) en++;
    else if (isVi && !isEn) vi++;
  }
  if (en > vi) return 'en';
  if (vi > 0) return 'vi';
  return undefined;
}
