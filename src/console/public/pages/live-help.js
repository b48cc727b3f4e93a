import { api } from '../api.js';
import { h, message, table } from '../dom.js';
import { addStrings, formatNumber, t } from '../i18n.js';
import { LIVE_HELP_STRINGS } from './live-help-strings.js';

addStrings(LIVE_HELP_STRINGS);
const REFRESH_MS = 3000;
/** "16:17 07/12" in Vietnam time, whatever the computer's zone. */
function time(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}`;
}

/** Runs `tick` every few seconds while `root` is on the page. */
function live(root, tick) {
  const timer = setInterval(() => {
    if (!document.body.contains(root)) return clearInterval(timer);
    tick().catch(() => undefined);
  }, REFRESH_MS);
}

function stateText(item) {
  if (item.state === 'claimed') return item.mine ? t('ho.state.mine') : t('ho.state.claimed', { by: item.claimedBy });
  return t(`ho.state.${item.state}`);
}

function deliveryText(d) {
  if (!d) return '';
  return d.state === 'sent' ? t('ho.d.sent', { at: time(d.at) }) : t(`ho.d.${d.why}`, { detail: d.detail ?? '' });
}

/** Hỗ trợ trực tiếp: the queue (list), or one conversation (#handoff/<id>). */
export async function liveHelpPage(args) {
  return args[0] ? conversationView(args[0]) : queueView();
}

async function queueView() {
  const root = h('div', { class: 'live-help' });
  const status = h('div', { 'aria-live': 'polite' });
  async function render() {
    const data = await api('GET', '/api/admin/handoffs?closed=true');
    document.title = `${data.waiting > 0 ? `(${data.waiting}) ` : ''}${t('nav.handoff')}`;
    const rows = data.items.map((item) => h('tr', { 'data-id': item.id },
      h('td', { class: 'num' }, item.state === 'closed' ? '—' : t('ho.minutes', { n: formatNumber(item.waitingMinutes) })),
      h('td', { class: 'hide-phone' }, item.locality),
      h('td', {}, item.channel),
      h('td', {}, h('q', {}, item.preview)),
      h('td', { class: item.state === 'waiting' ? 'warn' : item.mine ? 'ok' : 'muted' }, stateText(item)),
      h('td', {}, item.state === 'closed' ? (item.outcome ? t(`ho.outcome.${item.outcome}`) : '') : item.mine ? h('a', { class: 'button', href: `#handoff/${item.id}` }, t('ho.openIt')) : item.state === 'waiting' ? h('button', { type: 'button', onclick: async () => {
        try {
          await api('POST', `/api/admin/handoffs/${item.id}/claim`);
          location.hash = `#handoff/${item.id}`;
        } catch (err) {
          status.replaceChildren(message('error', err.status === 409 ? t('ho.taken') : t('error.generic', { error: err.message })));
          await render();
        }
      } }, t('ho.claim')) : '')));
    root.replaceChildren(
      h('p', {}, t('ho.intro')),
      h('div', { class: 'figures' },
        h('div', { class: 'figure' }, h('b', { id: 'ho-waiting' }, formatNumber(data.waiting)), h('span', {}, t('ho.waiting'))),
        h('div', { class: 'figure' }, h('b', { class: 'place' }, data.locality ?? t('ho.all')), h('span', {}, t('ho.locality')))),
      h('p', { class: data.open ? 'ok' : 'warn' }, data.open ? t('ho.open') : t('ho.closed')),
      status,
      rows.length ? table([{ label: t('ho.since'), num: true }, { label: t('ho.locality'), cls: 'hide-phone' }, t('ho.channel'), t('ho.question'), t('ho.state'), ''], rows) : h('p', {}, t('ho.none')),
    );
  }
  await render();
  live(root, render);
  return root;
}

async function conversationView(id) {
  const root = h('div', { class: 'live-help' });
  const status = h('div', { 'aria-live': 'polite' });
  const answer = h('textarea', { id: 'ho-answer', maxlength: 4000, rows: 4 });
  const note = h('textarea', { id: 'ho-note', maxlength: 4000, rows: 2 });
  const outcome = h('select', { id: 'ho-outcome' }, ['answered', 'referred', 'not_our_matter'].map((o) => h('option', { value: o }, t(`ho.outcome.${o}`))));
  const log = h('ol', { class: 'transcript', 'aria-label': t('ho.transcript') });
  const act = (path, body, done) => async () => {
    try {
      const res = await api('POST', `/api/admin/handoffs/${id}/${path}`, body?.());
      await done?.(res);
      await render();
    } catch (err) {
      status.replaceChildren(message('error', t('error.generic', { error: err.message })));
    }
  };
  let closed = false;
  async function render() {
    const data = await api('GET', `/api/admin/handoffs/${id}`);
    closed = data.state === 'closed';
    log.replaceChildren(...data.turns.map((turn) => h('li', { class: `turn ${turn.from}${turn.kind === 'note' ? ' note' : ''}` },
      h('span', { class: 'who' }, `${turn.kind === 'note' ? t('ho.note', { by: turn.by }) : t(`ho.from.${turn.from}`, { by: turn.by ?? '' })} · ${time(turn.at)}`),
      h('span', { class: 'text' }, turn.text),
      turn.delivery ? h('span', { class: turn.delivery.state === 'sent' ? 'ok delivery' : 'warn delivery' }, deliveryText(turn.delivery)) : null)));
    header.replaceChildren(h('a', { href: '#handoff' }, t('ho.back')), ' · ', `${data.locality} · ${data.channel} · ${stateText(data)}`);
    forms.hidden = closed;
    after.hidden = !closed;
    if (closed && !question.value) question.value = [...data.turns].reverse().find((x) => x.from === 'citizen' && !/^[[/]/.test(x.text))?.text ?? '';
  }
  const header = h('p');
  const forms = h('div', {},
    h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); if (answer.value.trim()) void act('answer', () => ({ text: answer.value }), () => { answer.value = ''; status.replaceChildren(); })(); } },
      h('label', { for: 'ho-answer' }, t('ho.answer'), answer), h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('ho.send')))),
    h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); if (note.value.trim()) void act('note', () => ({ text: note.value }), () => { note.value = ''; })(); } },
      h('label', { for: 'ho-note' }, t('ho.noteLabel'), note), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('ho.addNote')))),
    h('div', { class: 'card row' }, h('label', { for: 'ho-outcome' }, t('ho.outcome'), outcome),
      h('button', { type: 'button', onclick: act('close', () => ({ outcome: outcome.value }), () => status.replaceChildren(message('success', t('ho.closedDone')))) }, t('ho.close')),
      h('button', { type: 'button', class: 'secondary', onclick: act('release', undefined, () => { location.hash = '#handoff'; }) }, t('ho.release'))));
  // the question as an example should read: the agent picks or rewrites it (personal data is removed on the server)
  const question = h('input', { id: 'ho-question', maxlength: 500 });
  const example = h('button', { type: 'button', class: 'secondary', onclick: act('example', () => (question.value.trim() ? { question: question.value.trim() } : {}), () => { example.disabled = true; status.replaceChildren(message('success', t('ho.exampleDone'))); }) }, t('ho.example'));
  const after = h('div', { class: 'card' }, h('label', { for: 'ho-question' }, t('ho.exampleQuestion'), question), h('div', { class: 'actions' }, example));
  await render();
  root.append(header, h('h2', {}, t('ho.transcript')), log, status, forms, after);
  live(root, async () => { if (!closed) await render(); });
  return root;
}
