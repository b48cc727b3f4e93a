/**
 * Could this folded word be a Vietnamese syllable? An onset, one to three
 * vowels, and one of the final consonants Vietnamese allows. It is generous on
 * purpose: it serves to leave real words alone ("trời" is not a typo of
 * "tuổi"), while "kick", "dnag" or "regsiter" cannot be Vietnamese and may be
 * corrected.
 */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

export function couldBeVietnamese(word: string): boolean {
  return SYLLABLE.test(word);
}
