import { fold } from '../../nlu/fold.js';
import { parseDeadline } from '../deadline.js';
import type { Task } from '../types.js';
import { splitUnitList, type UnitDirectory } from '../units.js';

const DEADLINE_START = /(?:dự kiến\s+)?(?:trong\s+)?(?:tháng|quý|năm|thường\s+xuyên|hằng\s+năm|hàng\s+năm|giai\s+đoạn|từ\s+năm|\d{1,2}\/\d{4}|\d{4}\s*[-–]\s*\d{4})/giu;

interface Row {
  code: string;
  lines: string[];
}

/** The rows of a flattened table: a Roman line opens a group, a number line the next row of it. */
function rowsOf(lines: string[]): Row[] {
  const rows: Row[] = [];
  let group = '';
  let expected = 1;
  let current: Row | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const roman = /^([IVX]{1,4})(?:\s+(\S.*))?$/.exec(line);
    if (roman && (roman[2] === undefined || /^\p{Lu}/u.test(roman[2]))) {
      group = roman[1]!;
      expected = 1;
      current = undefined;
      continue;
    }
    if (/^\d{1,3}$/.test(line)) {
      if (Number(line) === expected && group) {
        current = { code: `${group}.${expected}`, lines: [] };
        rows.push(current);
        expected++;
      }
      continue; // a page number or a stray cell
    }
    current?.lines.push(line);
  }
  return rows;
}

/**
 * Tasks from a table whose cells wrap over several lines (plan 003, Phụ lục II): each row is the task,
 * then the lead cell, the coordinating cell and the time. Cells are told apart by where units start:
 * a unit name that does not follow a comma or "và" opens the next cell.
 */
export function tableTasks(lines: string[], locality: string, units: UnitDirectory): Task[] {
  const tasks: Task[] = [];
  for (const row of rowsOf(lines)) {
    const text = row.lines.join('\n');
    const mentions = units.mentions(text, locality);
    const firstAtLineStart = mentions.find((m) => m.start === 0 || /\n\s*$/.test(text.slice(0, m.start)));
    const titleEnd = firstAtLineStart?.start ?? text.length;
    const afterUnits = mentions.length > 0 ? mentions.at(-1)!.end : titleEnd;
    DEADLINE_START.lastIndex = afterUnits;
    const byKeyword = DEADLINE_START.exec(text)?.index ?? text.length;
    // The time cell may also open with other words ("Tại Bộ phận Một cửa cấp tỉnh từ ngày 01/6/2022; ..."):
    // a line after the last unit that starts in upper case and names no unit.
    const byLine = [...text.slice(afterUnits).matchAll(/\n\s*(?=\p{Lu})/gu)].map((m) => afterUnits + m.index + m[0].length).find((at) => !mentions.some((x) => x.start === at));
    const deadlineAt = Math.min(byKeyword, byLine ?? text.length);
    const cellsText = text.slice(titleEnd, deadlineAt);

    const cells: string[] = [];
    let cellStart = 0;
    for (const m of mentions.filter((x) => x.start > titleEnd && x.start < deadlineAt)) {
      const before = cellsText.slice(0, m.start - titleEnd).trimEnd();
      if (before.length > cellStart && /\p{L}$/u.test(before) && !/(?:^|\s)(?:và|va)$/iu.test(before)) {
        cells.push(cellsText.slice(cellStart, m.start - titleEnd));
        cellStart = m.start - titleEnd;
      }
    }
    cells.push(cellsText.slice(cellStart));
    const [leadCell = '', ...rest] = cells;
    tasks.push({
      code: row.code,
      title: text.slice(0, titleEnd).replace(/\s+/g, ' ').replace(/[.;:]\s*$/, '').trim(),
      lead: splitUnitList(leadCell, locality, units),
      support: splitUnitList(rest.join(', '), locality, units),
      deadline: parseDeadline(text.slice(deadlineAt)),
    });
  }
  return tasks;
}

/** The lines of the annex that lists tasks ("Phụ lục II ... nhiệm vụ"), if the plan has one. */
export function taskAnnex(lines: string[]): string[] | undefined {
  const starts = lines.map((l, i) => (/^\s*phu luc\b/.test(fold(l)) ? i : -1)).filter((i) => i >= 0);
  for (const [k, start] of starts.entries()) {
    const end = starts[k + 1] ?? lines.length;
    const head = fold(lines.slice(start, start + 6).join(' '));
    if (/nhiem vu/.test(head)) return lines.slice(start + 1, end);
  }
  return undefined;
}
