/**
 * Could this folded word be a Vietnamese syllable? An onset, a vowel group Vietnamese has, and a final
 * consonant where that group allows one ("ai", "ao", "uoi"... end the syllable). It is generous on
 * purpose: it serves to leave real words alone ("trời" is not a typo of "tuổi"), while "kick", "dnag",
 * "thuoong" or "deiu" cannot be Vietnamese and may be corrected.
 */
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?';
/** vowel groups after which nothing may follow */
const OPEN = '(?:ieu|yeu|oai|oay|uoi|uou|uyu|oeo|uya|uay|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu)';
/** vowel groups that may take a final consonant */
const CLOSABLE = '(?:uye|ie|ye|uo|oa|oe|ua|ue|uy|oo|[aeiouy])(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}(?:${OPEN}|${CLOSABLE})$`);

export function couldBeVietnamese(word: string): boolean {
  return SYLLABLE.test(word);
}
