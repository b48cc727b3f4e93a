import { fold } from '../../nlu/fold.js';
import { parseDeadline } from '../deadline.js';
import type { Duty, Task } from '../types.js';
import { splitUnitList, type UnitDirectory } from '../units.js';
import { joinText } from './lines.js';
import { fieldText, type Block } from './outline.js';

/** "4. Sở Thông tin và Truyền thông chủ trì" (also OCR: "chu tri", "chi tri", "chii tri"), matched on the folded heading. */
const LEADS_HEADING = /\bch\w{0,2}\s+tr\w?i\W*$/;

function isLeadHeading(block: Block): boolean {
  return LEADS_HEADING.test(fold(joinText(block.heading)));
}

/** The heading without its "chủ trì" ending; folding keeps the length, so the cut falls at the same place. */
function withoutLeadSuffix(raw: string): string {
  const heading = raw.normalize('NFC');
  const at = fold(heading).search(LEADS_HEADING);
  return at < 0 ? heading : heading.slice(0, at);
}

/** The units a heading names when it is (almost) nothing but units: "1. Công an tỉnh", "8. Các sở, ban, ngành tỉnh". */
function headingUnits(block: Block, locality: string, units: UnitDirectory): string[] {
  const heading = withoutLeadSuffix(joinText(block.heading).split(/:\s+/)[0]!)
    .replace(/^(?:đề nghị|de nghi|bé nghi|b¢ nghi|be nghi)\s+/iu, '')
    .trim();
  if (heading.length > 200) return [];
  const mentions = units.mentions(heading, locality);
  if (mentions.length === 0 || mentions[0]!.start > 3) return [];
  const letters = (s: string) => s.replace(/[^\p{L}]+/gu, '').length;
  const named = mentions.reduce((n, m) => n + letters(heading.slice(m.start, m.end)), 0);
  if (named < letters(heading) * 0.4) return [];
  const known = new Set(mentions.map((m) => m.name));
  return splitUnitList(heading, locality, units).filter((name) => known.has(name) || units.groupOf(name));
}

/** A task's title: its heading, or for a bare unit heading its first paragraph. */
function titleOf(block: Block, fromBody: boolean): string {
  const text = fromBody ? (block.body[0] ?? '').replace(/^-\s*/, '') : joinText(block.heading);
  return text.replace(/\s+/g, ' ').replace(/[.;:]\s*$/, '').trim();
}

/** Paragraphs of a body: each "- " bullet starts one; other lines continue it. */
export function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith('- ') || out.length === 0) out.push(line.replace(/^-\s*/, ''));
    else out[out.length - 1] += ` ${line}`;
  }
  return out.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
}

/**
 * Tasks and duties from the outline. A block is a task when it has fields (chủ trì, phối hợp, thời
 * gian) or stands under a "<unit> chủ trì" heading; a block headed by a unit name without fields
 * holds that unit's standing duties.
 */
export function outlineTasks(blocks: Block[], locality: string, units: UnitDirectory): { tasks: Task[]; duties: Duty[] } {
  const tasks: Task[] = [];
  const duties: Duty[] = [];
  const hasItems = new Set(blocks.map((b) => b.parent).filter((p) => p !== undefined));

  for (const block of blocks) {
    const parent = block.parent;
    const inheritedLead = parent && isLeadHeading(parent) ? headingUnits(parent, locality, units) : [];
    const leadField = fieldText(block, 'lead');
    const deadlineField = fieldText(block, 'deadline');
    const hasFields = Boolean(leadField || deadlineField || fieldText(block, 'support'));
    const leadHeading = block.kind === 'numbered' && isLeadHeading(block);

    if (hasFields || inheritedLead.length > 0 || (leadHeading && !hasItems.has(block) && block.body.length > 0)) {
      const namedInHeading = !leadField && block.kind === 'numbered' ? headingUnits(block, locality, units) : [];
      const lead = leadField ? splitUnitList(leadField, locality, units) : namedInHeading.length > 0 ? namedInHeading : inheritedLead;
      tasks.push({
        code: block.code,
        title: titleOf(block, namedInHeading.length > 0),
        lead,
        support: splitUnitList(fieldText(block, 'support') ?? '', locality, units),
        deadline: parseDeadline(deadlineField ?? ''),
      });
      continue;
    }
    if (block.kind !== 'numbered' || hasItems.has(block) || leadHeading) continue;
    const owners = headingUnits(block, locality, units);
    if (owners.length === 0) continue;
    // "8. Các phòng, ban, ngành khác: Tổ chức triển khai..." — the duty may begin on the heading line
    const inHeading = joinText(block.heading).split(/:\s+/).slice(1).join(': ');
    for (const text of paragraphs([...(inHeading ? [inHeading] : []), ...block.body])) for (const unit of owners) duties.push({ unit, text });
  }
  return { tasks, duties };
}
