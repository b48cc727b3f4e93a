import { createHash } from 'node:crypto';

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function keyNeighbour(letter: string, pick: number): string {
  const row = KEYBOARD.find((r) => r.includes(letter));
  if (!row) return letter;
  const i = row.indexOf(letter);
  const options = [row[i - 1], row[i + 1]].filter((c): c is string => c !== undefined);
  return options[pick % options.length]!;
}

/**
 * The text (folded, lower case) with `count` typing slips in words of four letters or more: a letter
 * left out, two neighbouring letters swapped, a letter doubled, or a key beside the right one. The
 * slips are drawn from a hash of `key` and `seed`, so a question gets the same slips every run.
 */
export function withSlips(text: string, key: string, count: number, seed = ''): string {
  const words = text.split(' ');
  for (let n = 0; n < count; n++) {
    const h = createHash('sha1').update(`${seed}:${key}:${n}`).digest();
    const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4 && /^[a-z]+$/.test(w));
    if (long.length === 0) break;
    const [word, at] = long[h[0]! % long.length]!;
    const k = h[1]! % (word.length - 1);
    const kind = h[2]! % 4;
    words[at] =
      kind === 0 ? word.slice(0, k) + word.slice(k + 1)
      : kind === 1 ? word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2)
      : kind === 2 ? word.slice(0, k) + word[k] + word.slice(k)
      : word.slice(0, k) + keyNeighbour(word[k]!, h[3]!) + word.slice(k + 1);
  }
  return words.join(' ');
}
