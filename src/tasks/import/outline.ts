import { fold } from '../../nlu/fold.js';
import { isNoise, joinText } from './lines.js';

export type FieldName = 'lead' | 'support' | 'deadline';

/** A numbered or lettered item of a plan with the lines that belong to it. */
export interface Block {
  kind: 'numbered' | 'letter';
  code: string;
  /** the Roman-numbered section it stands in, folded ("ii noi dung nhiem vu cu the") */
  section: string;
  /** the numbered item a letter item belongs to */
  parent: Block | undefined;
  heading: string[];
  body: string[];
  fields: Partial<Record<FieldName, string[]>>;
}

const ROMAN = /^\s*([IVX][IVXl1]{0,3})\.\s+(\S.*)$/;
const NUMBERED = /^\s*(\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.)\.?\s+(\S.*)$/;
const LETTER = /^\s*([a-zđ¢@]?)\)\s+(\S.*)$/u;
const BULLET = /^\s*[-~–+•]\s*(\S.*)$/;

function isUpperHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  return letters.length >= 4 && upper.length / letters.length > 0.7;
}

/** Which field a bullet line opens, if any: "- Cơ quan chủ trì:", "- Đơn vị phối hợp:", "- Thời gian hoàn thành:". */
function fieldOf(bulletText: string): { field: FieldName; value: string } | undefined {
  const colon = bulletText.indexOf(':');
  if (colon < 0 || colon > 60) return undefined;
  const label = fold(bulletText.slice(0, colon));
  const value = bulletText.slice(colon + 1).trim();
  if (/^(?:co quan|don vi)\s+(?:chu tri|thuc hien)\b/.test(label)) return { field: 'lead', value };
  if (/^(?:co quan|don vi)\s+phoi hop\b/.test(label)) return { field: 'support', value };
  if (/^th\w{0,3}\s*gian\b/.test(label)) return { field: 'deadline', value };
  return undefined;
}

/** Field labels written inside a line: "... Chủ trì: Công an tỉnh. Phối hợp: Sở Tư pháp. Thời hạn: tháng 5/2025." */
const INLINE_LABEL = /(?<![\p{L}\p{N}])(?:(?:co quan|don vi)\s+)?(chu tri|phoi hop|thoi han(?:\s+hoan thanh)?|thoi gian(?:\s+(?:hoan thanh|thuc hien))?)\s*:/gu;

/** The text before the first inline label, and each labelled value; undefined when the line has no label. */
export function inlineFields(text: string): { before: string; fields: { field: FieldName; value: string }[] } | undefined {
  const line = text.normalize('NFC');
  const labels = [...fold(line).matchAll(INLINE_LABEL)];
  if (labels.length === 0) return undefined;
  const fields = labels.map((m, i) => {
    const name = m[1]!;
    const field: FieldName = name.startsWith('chu tri') ? 'lead' : name.startsWith('phoi hop') ? 'support' : 'deadline';
    const end = labels[i + 1]?.index ?? line.length;
    return { field, value: line.slice(m.index + m[0].length, end).trim().replace(/[.;,]\s*$/, '') };
  });
  return { before: line.slice(0, labels[0]!.index).trim(), fields };
}

/**
 * Reads the numbered outline of a plan (I., 1., 1.1., a) ...) into blocks. Lines that continue a field
 * go to that field; lines that continue a heading in lower case extend the heading; the rest is body.
 */
export function readOutline(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let section = '';
  let current: Block | undefined;
  let field: FieldName | undefined;
  let headingOpen = false;
  let lastNumbered: Block | undefined;
  let letterCount = 0;

  const open = (block: Block) => {
    blocks.push(block);
    current = block;
    field = undefined;
    headingOpen = true;
    // "3. Tích hợp ... Chủ trì: Sở Khoa học và Công nghệ. Thời hạn: ...": fields on the item's own line
    const inline = inlineFields(block.heading[0]!);
    if (inline && inline.before) {
      block.heading[0] = inline.before;
      for (const f of inline.fields) {
        field = f.field;
        (block.fields[f.field] ??= []).push(f.value);
      }
      headingOpen = false;
    }
  };

  for (const raw of lines) {
    if (raw.trim() === '' || isNoise(raw)) continue;
    const roman = ROMAN.exec(raw);
    if (roman && isUpperHeading(roman[2]!)) {
      section = fold(`${roman[1]} ${roman[2]}`);
      current = undefined;
      lastNumbered = undefined;
      continue;
    }
    const numbered = NUMBERED.exec(raw);
    if (numbered) {
      const code = numbered[1]!.replace(/\.$/, '');
      letterCount = 0;
      lastNumbered = { kind: 'numbered', code, section, parent: undefined, heading: [numbered[2]!], body: [], fields: {} };
      open(lastNumbered);
      continue;
    }
    const letter = LETTER.exec(raw);
    if (letter && lastNumbered) {
      const expected = String.fromCharCode(97 + letterCount);
      const written = fold(letter[1] ?? '');
      const code = /^[a-z]$/.test(written) && written >= expected ? written : expected;
      letterCount = code.charCodeAt(0) - 96;
      open({ kind: 'letter', code: `${lastNumbered.code}.${code}`, section, parent: lastNumbered, heading: [letter[2]!], body: [], fields: {} });
      continue;
    }
    if (!current) continue;
    const bullet = BULLET.exec(raw);
    const inline = bullet && fieldOf(bullet[1]!) ? undefined : inlineFields(bullet ? bullet[1]! : raw.trim());
    if (inline) {
      // the words before the labels end the heading (or the paragraph) they continue
      if (inline.before && field) current.fields[field]!.push(inline.before);
      else if (inline.before) (headingOpen && current.body.length === 0 ? current.heading : current.body).push(inline.before);
      headingOpen = false;
      for (const f of inline.fields) {
        field = f.field;
        (current.fields[f.field] ??= []).push(f.value);
      }
      continue;
    }
    if (bullet) {
      const f = fieldOf(bullet[1]!);
      headingOpen = false;
      if (f) {
        field = f.field;
        (current.fields[f.field] ??= []).push(f.value);
      } else {
        field = undefined;
        current.body.push(`- ${bullet[1]}`);
      }
      continue;
    }
    const text = raw.trim();
    if (field) current.fields[field]!.push(text);
    else if (headingOpen && current.body.length === 0 && (/^[\p{Ll}\d(“"]/u.test(text) || /[,;]\s*$/.test(current.heading.at(-1)!))) {
      current.heading.push(text);
    }
    else {
      headingOpen = false;
      current.body.push(text);
    }
  }
  return blocks;
}

export function fieldText(block: Block, name: FieldName): string | undefined {
  const value = block.fields[name];
  return value ? joinText(value) : undefined;
}
