import { PUSH_CHANNELS } from '../broadcasts/subscriptions.js';
import type { Button, Reply } from '../core/message.js';
import type { Language } from '../nlu/language.js';
import type { Understanding } from '../nlu/understand.js';
import type { Deadline } from '../tasks/deadline.js';
import type { Standing, TaskBook, UnitTask } from '../tasks/task-book.js';
import { addDays, isDueBetween, isOverdue } from '../tasks/task-counts.js';
import type { PlanInfo, Task } from '../tasks/types.js';
import type { Unit, UnitDirectory } from '../tasks/units.js';
import { fill } from '../util/fill.js';
import { vietnamDay } from '../util/vietnam-time.js';
import { readTaskCommand, type TaskCommand } from './task-command.js';
import type { Officer } from './registry.js';
import type { ReminderPreferences } from './reminders.js';

export const PAGE_SIZE = 5;
export type OfficerStrings = Record<string, string>;

/** Campaign figures of a locality, for "thống kê chiến dịch". */
export type CampaignSummary = (locality: string) => Promise<{ code: string; name: string; users: number; questions: number; answered: number }[]>;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function endOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return isoDay(new Date(Date.UTC(y, m, 0)));
}

function endOfQuarter(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return isoDay(new Date(Date.UTC(y, Math.ceil(m / 3) * 3, 0)));
}

/** One line of a title: the first sentence, cut at a word near 90 characters. */
export function oneLine(title: string, max = 90): string {
  const first = title.split(/(?<=[.;])\s/)[0]!;
  if (first.length <= max) return first;
  return `${first.slice(0, first.lastIndexOf(' ', max))}…`;
}

export function planLabel(plan: PlanInfo): string {
  return plan.number ? `KH ${plan.number}` : `KH ${plan.id.slice(0, 3)}`;
}

type ListKind = 'open' | 'overdue' | 'soon' | 'unit';

/**
 * What officers ask of the assistant: their unit's tasks (open, overdue, due soon), another unit's
 * tasks, one task in full, reporting and targets; and closing tasks. Replies are built here; the
 * decision that a message is an officer's question is made by the rules.
 */
export class OfficerDesk {
  constructor(
    private readonly tasks: TaskBook,
    private readonly units: UnitDirectory,
    private readonly clock: () => Date,
    private readonly strings: Record<Language, OfficerStrings>,
    private readonly campaigns?: CampaignSummary,
    private readonly reminders?: ReminderPreferences,
  ) {}

  private t(language: Language, key: string, values: Record<string, string | number> = {}): string {
    return fill(this.strings[language][key] ?? this.strings.vi[key] ?? key, values);
  }

  /** Today in Vietnam: an officer asking at 06:00 means the day they are living, not UTC's. */
  private today(): string {
    return vietnamDay(this.clock());
  }

  unitOf(officer: Officer): Unit | undefined {
    // a plan saved since the last question may have brought the officer's locality and units
    this.tasks.refresh();
    return this.units.unitsOf(officer.locality).find((u) => u.name === officer.unit) ?? (this.units.groupOf(officer.unit) ? { name: officer.unit, kind: this.units.groupOf(officer.unit)!.members[0] ?? '*', locality: officer.locality, aliases: [] } : undefined);
  }

  private deadlineText(d: Deadline, language: Language): string {
    if (d.kind === 'date' && d.due) return `${d.due.split('-').reverse().join('/')}`;
    return this.t(language, `deadline.${d.kind}`);
  }

  /** "chủ trì", or for an inherited task "chủ trì (trước đây: Sở Thông tin và Truyền thông, Quảng Nam)". */
  private roleText(standing: Standing, language: Language): string {
    const via = standing.via;
    if (standing.role === 'district') {
      const label = this.t(language, 'role.district', { locality: via?.locality ?? '' });
      return via && via.kind !== 'district' ? `${label}: ${via.name}` : label;
    }
    const role = this.t(language, `role.${standing.role}`);
    return via ? `${role} (${this.t(language, 'via', { unit: via.name, locality: via.locality })})` : role;
  }

  /** One task of a list: "• 2.3.1 (KH 002) · chủ trì · 31/03/2023" and its title on the next line (also the reminders' lines). */
  line(item: UnitTask, language: Language): string {
    const state = item.status.state === 'done' ? ' ✓' : '';
    return `• ${item.task.code} (${planLabel(item.plan)}) · ${this.roleText(item, language)} · ${this.deadlineText(item.task.deadline, language)}${state}\n  ${oneLine(item.task.title)}`;
  }

  private listReply(intent: string, kind: string, title: string, items: UnitTask[], page: number, language: Language, footer?: string): Reply {
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const shown = items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
    const parts = [title, shown.length > 0 ? shown.map((i) => this.line(i, language)).join('\n') : this.t(language, 'none')];
    if (pages > 1) parts.push(this.t(language, 'page', { page: current, pages }));
    if (footer) parts.push(footer);
    const buttons: Button[] = [];
    if (current < pages) buttons.push({ label: this.t(language, 'button.next'), payload: `ol:${kind}:${current + 1}` });
    for (const i of shown.slice(0, 4 - buttons.length)) buttons.push({ label: this.t(language, 'button.detail', { code: i.task.code }), payload: `ot:${i.plan.id}:${i.task.code}` });
    return { intent, language, text: parts.join('\n\n'), buttons, source: '' };
  }

  private async list(kind: string, unit: Unit, page: number, language: Language, days?: number): Promise<Reply> {
    const today = this.today();
    const all = await this.tasks.tasksOf(unit);
    const open = all.filter((i) => i.status.state !== 'done');
    if (kind === 'overdue') {
      const items = all.filter((i) => isOverdue(i, today));
      return this.listReply('officer.tasks.overdue', kind, this.t(language, 'overdue_title', { unit: unit.name, today, count: items.length }), items, page, language);
    }
    if (kind.startsWith('soon')) {
      const horizon = kind === 'soon-month' ? endOfMonth(today) : kind === 'soon-quarter' ? endOfQuarter(today) : addDays(today, days ?? (Number(kind.slice(5)) || 30));
      const items = all.filter((i) => isDueBetween(i, today, horizon));
      return this.listReply('officer.tasks.due_soon', kind, this.t(language, 'soon_title', { unit: unit.name, today, until: horizon, count: items.length }), items, page, language);
    }
    const duties = this.tasks.dutiesOf(unit).length;
    const intent = kind.startsWith('u') ? 'officer.tasks.unit' : 'officer.tasks.open';
    const title = this.t(language, intent === 'officer.tasks.unit' ? 'unit_title' : 'open_title', { unit: unit.name, count: open.length });
    return this.listReply(intent, kind, title, open, page, language, duties > 0 ? this.t(language, 'duties', { count: duties }) : undefined);
  }

  private soonKind(u: Understanding): string {
    if (/\b(?:thang nay|this month)\b/.test(u.text)) return 'soon-month';
    if (/\b(?:quy nay|this quarter)\b/.test(u.text)) return 'soon-quarter';
    if (/\b(?:tuan nay|this week)\b/.test(u.text)) return 'soon-7';
    return `soon-${u.entities.days ?? 30}`;
  }

  private namedUnit(u: Understanding, officer: Officer): Unit | undefined {
    const mention = this.units.mentions(u.original, officer.locality).find((m) => m.type === 'unit');
    return mention ? this.units.unitsOf(officer.locality).find((x) => x.name === mention.name) : undefined;
  }

  private candidates(code: string, officer: Officer): { plan: PlanInfo; task: Task }[] {
    return this.tasks.find(code, officer.locality);
  }

  async detail(planId: string, code: string, officer: Officer, language: Language): Promise<Reply> {
    const found = this.candidates(code, officer).find((c) => c.plan.id === planId);
    if (!found) return this.text('officer.task.detail', this.t(language, 'not_found', { code, locality: officer.locality }), language);
    const unit = this.unitOf(officer);
    const status = await this.tasks.status(planId, code);
    const standing = unit ? this.tasks.standing(found.plan, found.task, unit) : undefined;
    const d = found.task.deadline;
    const text = this.t(language, 'detail', {
      code,
      plan: `${planLabel(found.plan)}${found.plan.title ? `, ${oneLine(found.plan.title, 80)}` : ''}`,
      title: found.task.title,
      lead: found.task.lead.join('; ') || '—',
      support: found.task.support.join('; ') || '—',
      deadline: d.kind === 'date' ? `${this.deadlineText(d, language)} (${d.text})` : d.text || this.deadlineText(d, language),
      state: this.t(language, `state.${status.state}`),
      note: status.note ? ` — ${status.note}` : '',
      unit: officer.unit,
      role: standing ? this.roleText(standing, language) : '—',
    });
    const buttons: Button[] = [];
    if (standing?.mayChange && status.state !== 'done') buttons.push({ label: this.t(language, 'button.done'), payload: `od:${planId}:${code}` });
    if (standing?.mayChange) buttons.push({ label: this.t(language, 'button.note'), payload: `on:${planId}:${code}` });
    buttons.push({ label: this.t(language, 'button.list'), payload: 'ol:open:1' });
    return { intent: 'officer.task.detail', language, text, buttons, source: '' };
  }

  private text(intent: string, text: string, language: Language, buttons: Button[] = []): Reply {
    return { intent, language, text, buttons: buttons.length > 0 ? buttons : [{ label: this.t(language, 'button.list'), payload: 'ol:open:1' }, { label: this.t(language, 'button.overdue'), payload: 'ol:overdue:1' }], source: '' };
  }

  /** Closes, notes or reopens a task, for officers of its lead unit only; every change goes to the audit log. */
  async update(planId: string, code: string, officer: Officer, language: Language, command: TaskCommand = { kind: 'done' }): Promise<Reply> {
    const intent = command.kind === 'note' ? 'officer.task.progress' : command.kind === 'reopen' ? 'officer.task.reopen' : 'officer.task.done';
    const found = this.candidates(code, officer).find((c) => c.plan.id === planId);
    if (!found) return this.text(intent, this.t(language, 'not_found', { code, locality: officer.locality }), language);
    const unit = this.unitOf(officer);
    // officers of the lead unit, or of the unit that took over its tasks, may change a task
    if (!unit || !this.tasks.standing(found.plan, found.task, unit)?.mayChange) {
      return this.text(intent, this.t(language, 'not_lead', { code, lead: found.task.lead.join('; ') }), language);
    }
    const before = await this.tasks.status(planId, code);
    const at = this.clock();
    switch (command.kind) {
      case 'confirm':
        if (before.state === 'done') return this.text(intent, this.t(language, 'already_done', { code, at: before.at?.slice(0, 10) ?? '' }), language);
        return this.text(intent, this.t(language, 'confirm_done', { code }), language, [
          { label: this.t(language, 'button.done'), payload: `od:${planId}:${code}` },
          { label: this.t(language, 'button.note'), payload: `on:${planId}:${code}` },
        ]);
      case 'note':
        if (!command.note) return this.text(intent, this.t(language, 'note_how', { code }), language);
        await this.tasks.change(planId, code, officer.user, officer.unit, 'note', at, command.note);
        return this.text(intent, this.t(language, 'noted', { code, note: command.note }), language);
      case 'reopen':
        if (before.state !== 'done') return this.text(intent, this.t(language, 'already_open', { code }), language);
        await this.tasks.change(planId, code, officer.user, officer.unit, 'reopen', at);
        return this.text(intent, this.t(language, 'reopened', { code }), language);
      case 'done':
        if (before.state === 'done') return this.text(intent, this.t(language, 'already_done', { code, at: before.at?.slice(0, 10) ?? '' }), language);
        await this.tasks.change(planId, code, officer.user, officer.unit, 'done', at);
        return this.text(intent, this.t(language, 'done', { code, plan: planLabel(found.plan), unit: officer.unit }), language);
    }
  }

  /** Answers an officer's question the rules recognised. */
  async answer(intent: string, u: Understanding, officer: Officer, language: Language): Promise<Reply> {
    const unit = this.unitOf(officer);
    if (!unit) return this.text(intent, this.t(language, 'no_unit'), language);
    switch (intent) {
      case 'officer.tasks.overdue':
        return this.list('overdue', unit, 1, language);
      case 'officer.tasks.due_soon':
        return this.list(this.soonKind(u), unit, 1, language, u.entities.days);
      case 'officer.tasks.unit': {
        const named = this.namedUnit(u, officer);
        if (!named) return this.text(intent, this.t(language, 'no_unit'), language);
        const index = this.units.unitsOf(officer.locality).indexOf(named);
        return this.list(`u${index}`, named, 1, language);
      }
      case 'officer.task.detail':
      case 'officer.task.done':
      case 'officer.task.progress':
      case 'officer.task.reopen':
        return this.byCode(intent, u, officer, language);
      case 'officer.report.deadline':
        return this.planLines(intent, 'reporting', officer, language);
      case 'officer.targets':
        return this.planLines(intent, 'targets', officer, language);
      case 'officer.reminders.off':
      case 'officer.reminders.on': {
        const on = intent === 'officer.reminders.on';
        await this.reminders?.set(officer.user, on);
        const text = this.t(language, on ? 'reminder.turned_on' : 'reminder.turned_off', { unit: officer.unit, time: this.reminders?.time ?? '07:30' });
        const canPush = PUSH_CHANNELS.has(officer.user.slice(0, officer.user.indexOf(':')));
        return this.text(intent, on && !canPush ? `${text}\n\n${this.t(language, 'reminder.no_push')}` : text, language);
      }
      case 'officer.campaigns': {
        const rows = this.campaigns ? await this.campaigns(officer.locality) : [];
        if (rows.length === 0) return this.text(intent, this.t(language, 'campaigns_none', { locality: officer.locality }), language);
        const lines = rows.map((r) => this.t(language, 'campaigns_line', { ...r }));
        return this.text(intent, [this.t(language, 'campaigns_title', { locality: officer.locality }), ...lines.slice(0, 10)].join('\n'), language);
      }
      default:
        return this.list('open', unit, 1, language);
    }
  }

  private async byCode(intent: string, u: Understanding, officer: Officer, language: Language): Promise<Reply> {
    const code = u.entities.taskCode!;
    const found = this.candidates(code, officer);
    if (found.length === 0) return this.text(intent, this.t(language, 'not_found', { code, locality: officer.locality }), language);
    const unit = this.unitOf(officer);
    const changes = intent !== 'officer.task.detail';
    const wanted = changes && unit ? found.filter((f) => this.tasks.standing(f.plan, f.task, unit)?.mayChange) : found;
    const pick = wanted.length > 0 ? wanted : found;
    const command = readTaskCommand(u.original, code);
    if (pick.length > 1) {
      // which plan: the buttons confirm a close; a note or a reopen is asked again with the plan chosen
      const prefix = changes && command.kind === 'done' ? 'od' : 'ot';
      return this.text(intent, this.t(language, 'which_plan', { code }), language, pick.slice(0, 4).map((f) => ({ label: planLabel(f.plan), payload: `${prefix}:${f.plan.id}:${code}` })));
    }
    const one = pick[0]!;
    if (intent === 'officer.task.detail') return this.detail(one.plan.id, code, officer, language);
    return this.update(one.plan.id, code, officer, language, command);
  }

  private planLines(intent: string, field: 'reporting' | 'targets', officer: Officer, language: Language): Reply {
    const lines = this.tasks.plans(officer.locality).flatMap((l) => l[field].map((s) => `• ${s} (${planLabel(l.plan)})`));
    const key = field === 'reporting' ? 'reporting' : 'targets';
    if (lines.length === 0) return this.text(intent, this.t(language, `${key}_none`, { locality: officer.locality }), language);
    return this.text(intent, [this.t(language, `${key}_title`, { locality: officer.locality }), ...lines.slice(0, 8)].join('\n'), language);
  }

  /** Handles an officer's button (ol: list page, ot: task detail, od: done, on: how to note), or undefined if it is none. */
  async press(payload: string, officer: Officer, language: Language): Promise<Reply | undefined> {
    const [kind, a = '', b = ''] = payload.split(':');
    const unit = this.unitOf(officer);
    if (!unit) return undefined;
    if (kind === 'ol') {
      if (a.startsWith('u')) {
        const named = this.units.unitsOf(officer.locality)[Number(a.slice(1))];
        return named ? this.list(a, named, Number(b) || 1, language) : undefined;
      }
      return this.list(a, unit, Number(b) || 1, language);
    }
    if (kind === 'ot') return this.detail(a, b, officer, language);
    if (kind === 'od') return this.update(a, b, officer, language, { kind: 'done' });
    if (kind === 'on') return this.text('officer.task.progress', this.t(language, 'note_how', { code: b }), language);
    return undefined;
  }
}
