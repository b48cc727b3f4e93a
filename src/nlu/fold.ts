/**
 * Text folding: the loose key we match on. Input is first normalised to NFC
 * (so NFD and NFC spellings of one word are equal), then decomposed again to
 * strip the tone and vowel marks, with đ/Đ mapped to d. "Đăng ký" and "dang ky"
 * and "hoà"/"hòa" all fold to the same key.
 */
const COMBINING_MARKS = /\p{M}+/gu;

export function toNfc(text: string): string {
  return text.normalize('NFC');
}

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Folded words only: letters, digits and the slash of document numbers ("59/2022"). */
export function foldedWords(text: string): string[] {
  return fold(text)
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    // keep the slash only between digits ("59/2022"); "59/2022/nd" → "59/2022 nd"
    .replace(/(?<!\p{N})\/|\/(?!\p{N})/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
}

/** True when the text carries Vietnamese tone or vowel marks (or đ). */
export function hasVietnameseMarks(text: string): boolean {
  return /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(toNfc(text));
}
