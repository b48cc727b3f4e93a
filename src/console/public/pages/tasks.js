import { api } from '../api.js';
import { h, message, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

const dmy = (iso) => iso.split('-').reverse().join('/');

/** Nhiệm vụ: counts per unit and locality → a unit's list → a task's history, reopen. An officer only ever gets their own unit. */
export async function tasksPage(args) {
  if (args[0] === 'unit') return unitPage(args[1], args[2]);
  const data = await api('GET', '/api/admin/tasks');
  const localities = [...new Set(data.units.map((u) => u.locality))];
  const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('locality') ?? '';
  const filter = h('select', { id: 'tk-locality', onchange: () => (location.hash = `#tasks?locality=${encodeURIComponent(filter.value)}`) },
    h('option', { value: '' }, t('ov.all')), localities.map((l) => h('option', { value: l, selected: l === wanted }, l)));
  const rows = data.units.filter((u) => !wanted || u.locality === wanted).map((u) => h('tr', {},
    h('td', {}, h('a', { href: `#tasks/unit/${encodeURIComponent(u.locality)}/${encodeURIComponent(u.unit)}` }, u.unit)),
    h('td', {}, u.locality),
    h('td', { class: 'num' }, formatNumber(u.open)),
    h('td', { class: `num ${u.overdue ? 'bad' : ''}` }, formatNumber(u.overdue)),
    h('td', { class: `num ${u.dueSoon ? 'warn' : ''}` }, formatNumber(u.dueSoon)),
    h('td', { class: 'num hide-phone' }, formatNumber(u.total))));
  return h('div', {}, h('p', {}, t('tk.intro', { today: dmy(data.today), days: data.soonDays })),
    localities.length > 1 ? h('label', { for: 'tk-locality', class: 'card' }, t('of.locality'), filter) : null,
    rows.length ? table([t('of.unit'), t('of.locality'), { label: t('tk.open'), num: true }, { label: t('tk.overdue'), num: true }, { label: t('tk.soon'), num: true }, { label: t('tk.total'), num: true, cls: 'hide-phone' }], rows) : h('p', {}, t('tk.none')));
}

async function unitPage(locality, unit) {
  const data = await api('GET', `/api/admin/tasks/list?${new URLSearchParams({ locality, unit })}`);
  const status = h('div', { 'aria-live': 'polite' });
  const rows = data.tasks.map((task) => {
    const detail = h('div');
    const showHistory = async () => {
      const res = await api('GET', `/api/admin/tasks/history?${new URLSearchParams({ plan: task.plan, code: task.code })}`);
      detail.replaceChildren(res.history.length
        ? h('ul', {}, res.history.map((e) => h('li', {}, `${e.at.slice(0, 16).replace('T', ' ')} · ${e.action} · ${e.by} (${e.unit}): ${e.before.state} → ${e.after.state}${e.after.note && e.action === 'note' ? ` "${e.after.note}"` : ''}`)))
        : h('p', { class: 'muted' }, t('tk.noHistory')));
    };
    const done = task.status.state === 'done';
    // one card a task: readable on a phone, where five columns are not
    return h('li', { class: 'card task' },
      h('p', { class: 'task-head' }, h('b', {}, task.code), ` · ${task.planLabel} · ${t(`tk.role.${task.role}`)}${task.via ? ` (${t('tk.via', { via: task.via })})` : ''}`),
      h('p', {}, task.title.length > 260 ? `${task.title.slice(0, 260)}…` : task.title),
      h('p', {}, `${t('tk.deadline')}: `, h('b', { class: task.overdue ? 'bad' : undefined }, task.overdue ? `${t('tk.overdue')} · ` : '', task.deadline.due ? dmy(task.deadline.due) : task.deadline.text || '—'), ' · ', h('span', { class: done ? 'ok' : '' }, done ? t('tk.done') : t('tk.openState'))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('tk.history')} ${task.code}`, onclick: showHistory }, t('tk.history')),
        done && task.mayChange ? h('button', { type: 'button', 'aria-label': `${t('tk.reopen')} ${task.code}`, onclick: async (e) => {
          try {
            await api('POST', '/api/admin/tasks/reopen', { plan: task.plan, code: task.code });
            e.target.remove();
            status.replaceChildren(message('success', t('tk.reopened', { code: task.code })));
            await showHistory();
          } catch (err) {
            status.replaceChildren(message('error', t('error.generic', { error: err.message })));
          }
        } }, t('tk.reopen')) : null),
      detail);
  });
  const c = data.counts;
  return h('div', {}, h('p', {}, h('a', { href: '#tasks' }, t('tk.back'))), h('h2', { id: 'unit-title' }, `${data.unit} — ${data.locality}`),
    h('p', {}, `${t('tk.open')}: ${c.open} · `, h('span', { class: c.overdue ? 'bad' : '' }, `${t('tk.overdue')}: ${c.overdue}`), ` · ${t('tk.soon')}: ${c.dueSoon} · ${t('tk.total')}: ${c.total}`), status,
    rows.length ? h('ol', { class: 'plain-list' }, rows) : h('p', {}, t('tk.none')));
}
