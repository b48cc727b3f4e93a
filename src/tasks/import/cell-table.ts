import { fold } from '../../nlu/fold.js';
import { parseDeadline } from '../deadline.js';
import type { Task } from '../types.js';
import { splitUnitList, type UnitDirectory } from '../units.js';

/**
 * Task tables whose rows stay on one line with their cells marked: "| 1 | Rà soát ... | Công an tỉnh |
 * UBND cấp xã | Tháng 5/2025 |" (as word processors and converters export them) or cells split by tabs.
 * The header row says which column holds what. A row with a Roman number or a capital letter and no
 * units opens a group (I, II... or A, B...); when the numbering starts again at 1 in a group, its rows are
 * coded I.1, I.2..., and when it runs on across the groups, the numbers are the codes.
 */

type Column = 'code' | 'title' | 'lead' | 'support' | 'deadline';

function cellsOf(line: string): string[] | undefined {
  const t = line.trim();
  if (t.startsWith('|') && (t.match(/\|/g) ?? []).length >= 4) return t.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  // tabs: empty cells at the end of a row are tabs too, so they are counted before anything is trimmed
  const tabbed = line.replace(/^ +| +$/g, '');
  if ((tabbed.match(/\t/g) ?? []).length >= 3) return tabbed.split('\t').map((c) => c.trim());
  return undefined;
}

/** Which column a header cell names (folded): "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Phối hợp", "Thời hạn". */
function columnOf(header: string): Column | undefined {
  const h = fold(header);
  if (/chu tri|thuc hien chinh/.test(h)) return 'lead';
  if (/phoi hop/.test(h)) return 'support';
  if (/thoi han|thoi gian|hoan thanh|tien do/.test(h)) return 'deadline';
  if (/^(?:stt|tt|so tt|ma)$/.test(h.replace(/\W/g, ' ').trim())) return 'code';
  if (/nhiem vu|noi dung|cong viec|ten/.test(h)) return 'title';
  return undefined;
}

interface Row {
  group: string;
  number: string;
  task: Omit<Task, 'code'>;
}

/** Codes for a table's rows: "I.1" when the numbering starts again at 1 in a later group, else the numbers. */
function coded(rows: Row[]): Task[] {
  const firsts = new Map<string, string>();
  for (const r of rows) if (!firsts.has(r.group)) firsts.set(r.group, r.number);
  const restarts = [...firsts.values()].slice(1).some((n) => n === '1');
  return rows.map((r) => ({ code: restarts && r.group ? `${r.group}.${r.number}` : r.number, ...r.task }));
}

export function cellTableTasks(lines: string[], locality: string, units: UnitDirectory): Task[] {
  const tables: Row[][] = [];
  let rows: Row[] = [];
  let columns: (Column | undefined)[] | undefined;
  let group = '';
  for (const line of lines) {
    const cells = cellsOf(line);
    if (!cells) {
      // a table ends at the first line that is not a row
      if (line.trim() !== '') columns = undefined;
      continue;
    }
    if (cells.every((c) => /^[-:=\s]*$/.test(c))) continue;
    if (!columns) {
      const named = cells.map(columnOf);
      if (named.includes('lead') && named.includes('title')) {
        columns = named;
        group = '';
        rows = [];
        tables.push(rows);
      }
      continue;
    }
    const at = (c: Column) => {
      const i = columns!.indexOf(c);
      return i >= 0 ? (cells[i] ?? '') : '';
    };
    const code = at('code') || cells[0] || '';
    if (/^(?:[IVX]{1,4}|[A-ZĐ])\.?$/.test(code) && at('lead') === '') {
      group = code.replace('.', '');
      continue;
    }
    if (!/^\d{1,3}(?:\.\d{1,2})*\.?$/.test(code) || at('title') === '') continue;
    rows.push({
      group,
      number: code.replace(/\.$/, ''),
      task: {
        title: at('title').replace(/\s+/g, ' ').replace(/[.;:]\s*$/, ''),
        lead: splitUnitList(at('lead'), locality, units),
        support: splitUnitList(at('support'), locality, units),
        deadline: parseDeadline(at('deadline')),
      },
    });
  }
  return tables.flatMap(coded);
}
