/**
 * Could this folded word be a Vietnamese syllable? An onset, a vowel group Vietnamese has, and a final
 * consonant that group takes ("ai", "ao", "uoi"... end the syllable; "inh" but not "unh"). It is
 * generous on purpose: it serves to leave real words alone ("trời" is not a typo of "tuổi"), while
 * "kick", "dnag", "thuoong", "deiu" or "dunh" cannot be Vietnamese and may be corrected.
 */
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?';
/** vowel groups after which nothing may follow */
const OPEN = 'ieu|yeu|oai|oay|uoi|uou|uyu|oeo|uya|uay|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu';
/** vowel groups and the finals each may take */
const CLOSED = [
  '[ae](?:ch|ng|nh|[cmnpt])?',
  'oa(?:ch|ng|nh|[cmnpt])?',
  'i(?:ch|nh|[mnpt])?',
  'y(?:ch|nh|[npt])?',
  '[ou](?:ng|[cmnpt])?',
  '(?:ie|ye)(?:ng|[cmnpt])',
  'uo(?:ng|[cmnpt])?',
  'ua(?:ng|[cnt])?',
  'ue(?:ch|nh|[nt])?',
  'uy(?:ch|nh|[npt])?',
  'uye[nt]',
  'oe[nt]?',
  'oo(?:ng|c)',
].join('|');
const SYLLABLE = new RegExp(`^${ONSET}(?:${OPEN}|${CLOSED})$`);

export function couldBeVietnamese(word: string): boolean {
  return SYLLABLE.test(word);
}
