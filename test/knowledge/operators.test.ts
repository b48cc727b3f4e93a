import { describe, expect, it } from 'vitest';
import { mentions } from '../../src/knowledge/operators.js';

describe('mentions', () => {
  it('finds a phrase as whole words at the start, in the middle and at the end', () => {
    expect(mentions('mat phi khong', 'mat phi')).toBe(true);
    expect(mentions('co mat phi khong', 'mat phi')).toBe(true);
    expect(mentions('co mat phi', 'mat phi')).toBe(true);
    expect(mentions('mat phi', 'mat phi')).toBe(true);
  });

  it('does not find part of a word, on either side', () => {
    expect(mentions('phien lam viec', 'phi')).toBe(false);
    expect(mentions('lephi', 'phi')).toBe(false);
    expect(mentions('the chip', 'hi')).toBe(false);
  });

  it('looks past a partial match to a whole one later in the text', () => {
    expect(mentions('phien nay co phi khong', 'phi')).toBe(true);
    expect(mentions('maybay may bay', 'may bay')).toBe(true);
  });

  it('finds nothing for an empty phrase', () => {
    expect(mentions('mat phi', '')).toBe(false);
  });
});
