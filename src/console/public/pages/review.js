import { api } from '../api.js';
import { h, message } from '../dom.js';
import { lang, t } from '../i18n.js';

/** Cần xem lại: each question can be marked handled, or given to a topic as an example (live at once), showing the answer it now gets. */
export async function reviewPage() {
  const reason = new URLSearchParams(location.hash.split('?')[1] ?? '').get('reason') ?? '';
  const [{ items }, { intents }] = await Promise.all([api('GET', `/api/admin/review${reason ? `?reason=${reason}` : ''}`), api('GET', '/api/admin/intents')]);
  const select = h('select', { id: 'rv-reason', onchange: () => (location.hash = `#review?reason=${select.value}`) },
    h('option', { value: '' }, t('rv.all')), ['fallback', 'clarify', 'low_confidence', 'negative', 'handoff'].map((r) => h('option', { value: r, selected: r === reason }, t(`rv.${r}`))));
  const list = h('ol', { class: 'plain-list' });
  items.forEach((item, n) => {
    const status = h('div');
    const id = `rv-intent-${n}`;
    const intent = h('select', { id }, h('option', { value: '' }, t('rv.choose')), intents.map((i) => h('option', { value: i.id, selected: i.id === item.intent }, `${i.id} — ${lang() === 'en' ? i.en : i.vi}`)));
    const buttons = [];
    const disable = () => buttons.forEach((b) => (b.disabled = true));
    buttons.push(h('button', { type: 'button', onclick: async () => {
      if (!intent.value) return intent.focus();
      try {
        const res = await api('POST', `/api/admin/review/${item.id}/assign`, { intent: intent.value, language: lang() });
        disable();
        status.replaceChildren(message('success', `${t('rv.nowGets', { intent: res.intent })}\n\n${res.reply}`));
      } catch (err) {
        status.replaceChildren(message('error', t('error.generic', { error: err.message })));
      }
    } }, t('rv.assign')));
    buttons.push(h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try {
        await api('POST', `/api/admin/review/${item.id}/handled`);
        disable();
        status.replaceChildren(message('success', t('rv.done')));
      } catch (err) {
        status.replaceChildren(message('error', t('error.generic', { error: err.message })));
      }
    } }, t('rv.handled')));
    list.append(h('li', { class: 'card review-item' },
      h('q', { class: 'question' }, item.text),
      item.draft ? h('div', { class: 'notice' }, h('span', { class: 'muted' }, t('rv.draft')), h('p', { class: 'draft' }, item.draft)) : null,
      h('span', { class: 'muted' }, `${t('rv.times', { count: item.count })} · ${t(`rv.${item.reason}`)}${item.intent ? ` · ${t('rv.got', { intent: item.intent })}` : ''}`),
      h('label', { for: id }, t('rv.intent'), intent),
      h('div', { class: 'actions' }, buttons),
      status));
  });
  return h('div', {}, h('p', {}, t('rv.intro')), h('label', { for: 'rv-reason', class: 'card' }, t('rv.reason'), select), items.length ? list : h('p', {}, t('rv.empty')), h('p', { class: 'muted' }, t('rv.export')));
}
