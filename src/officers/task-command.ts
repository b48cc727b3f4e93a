import { fold } from '../nlu/fold.js';

/** What an officer's message asks of one task. */
export type TaskCommand =
  | { kind: 'done' }
  | { kind: 'note'; note: string }
  | { kind: 'reopen' }
  /** "2.3.1 xong chưa?": a question, or a close we are not sure of: asked back with a button */
  | { kind: 'confirm' };

/** A phrase as a whole word run in folded text: JavaScript's \b does not see Vietnamese letters as word letters. */
function has(folded: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => new RegExp(`(?<![\\p{L}\\p{N}])${p.replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u').test(folded));
}

const REOPEN = ['mo lai', 'reopen', 're open'];
const NOTE = ['tien do', 'ghi chu', 'cap nhat', 'progress', 'note', 'update'];
const NEGATION = ['chua xong', 'chua hoan thanh', 'chua hoan tat', 'khong xong', 'chua', 'not done', 'not finished', 'not yet', 'dang thuc hien', 'dang trien khai', 'dang lam', 'van dang'];
const DONE = ['xong', 'da xong', 'hoan thanh', 'da hoan thanh', 'hoan tat', 'ket thuc', 'done', 'finished', 'completed'];

/**
 * Reads an officer's message about task `code` (read on the folded text, the note kept as written):
 * "tiến độ / ghi chú / cập nhật CODE: text" is a note, never a close; a negation ("chưa xong") is a
 * note too; "mở lại CODE" reopens; "xong CODE" closes; a close phrased as a question is confirmed first.
 */
export function readTaskCommand(original: string, code: string): TaskCommand {
  const folded = fold(original);
  const at = original.indexOf(code);
  const after = at >= 0 ? original.slice(at + code.length).replace(/^[\s:.,;-]+/u, '').trim() : '';
  if (has(folded, REOPEN)) return { kind: 'reopen' };
  if (has(folded, NOTE)) return { kind: 'note', note: after };
  // "xong chưa?", "đã hoàn thành không?": a question about the task, not a close
  if (/[?？]\s*$/u.test(original) || has(folded, ['xong chua', 'hoan thanh chua', 'xong khong', 'phai khong'])) return { kind: 'confirm' };
  if (has(folded, NEGATION)) return { kind: 'note', note: after || original.replace(code, '').replace(/\s+/g, ' ').trim() };
  return has(folded, DONE) ? { kind: 'done' } : { kind: 'confirm' };
}
