import { describe, expect, it } from 'vitest';
import { fold, foldedWords, hasVietnameseMarks } from '../../src/nlu/fold.js';

describe('folding', () => {
  it('removes tone and vowel marks and maps đ to d', () => {
    expect(fold('Đăng ký định danh điện tử')).toBe('dang ky dinh danh dien tu');
  });

  it('treats NFC and NFD input alike', () => {
    const nfc = 'Mức 2 ở đâu'.normalize('NFC');
    const nfd = 'Mức 2 ở đâu'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(fold(nfd)).toBe(fold(nfc));
  });

  it('makes old and new tone placement equal (hoà / hòa)', () => {
    expect(fold('hoà')).toBe(fold('hòa'));
  });

  it('keeps document numbers and splits the rest on punctuation', () => {
    expect(foldedWords('Nghị định 59/2022/NĐ-CP, được không?')).toEqual(['nghi', 'dinh', '59/2022', 'nd', 'cp', 'duoc', 'khong']);
  });

  it('tells marked Vietnamese from plain text', () => {
    expect(hasVietnameseMarks('đăng ký')).toBe(true);
    expect(hasVietnameseMarks('dang ky')).toBe(false);
  });
});
