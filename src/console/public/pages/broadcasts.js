import { api } from '../api.js';
import { h, message } from '../dom.js';
import { lang, t } from '../i18n.js';

function progressText(p) {
  return t('bc.progress', p);
}

/** Gửi tin: compose from a text or an answer, choose the locality, preview with the count of recipients, send, follow, resume. */
export async function broadcastsPage() {
  const [{ intents }, { localities }, { broadcasts }] = await Promise.all([api('GET', '/api/admin/intents'), api('GET', '/api/admin/localities'), api('GET', '/api/admin/broadcasts')]);
  const fromText = h('input', { type: 'radio', name: 'bc-from', id: 'bc-from-text', value: 'text', checked: true });
  const fromAnswer = h('input', { type: 'radio', name: 'bc-from', id: 'bc-from-answer', value: 'answer' });
  const text = h('textarea', { id: 'bc-text', maxlength: 4000 });
  const answer = h('select', { id: 'bc-answer' }, intents.map((i) => h('option', { value: i.id }, `${i.id} — ${lang() === 'en' ? i.en : i.vi}`)));
  const locality = h('select', { id: 'bc-locality' }, h('option', { value: '' }, t('bc.everywhere')), localities.map((l) => h('option', { value: l.name }, l.name)));
  const textLabel = h('label', { for: 'bc-text' }, t('bc.text'), text);
  const answerLabel = h('label', { for: 'bc-answer', hidden: true }, t('bc.answer'), answer);
  const toggle = () => {
    textLabel.hidden = !fromText.checked;
    answerLabel.hidden = fromText.checked;
  };
  fromText.addEventListener('change', toggle);
  fromAnswer.addEventListener('change', toggle);
  const preview = h('div', { 'aria-live': 'polite' });
  const send = h('button', { type: 'button', disabled: true }, t('bc.send'));
  const body = () => ({ ...(fromText.checked ? { text: text.value } : { key: answer.value, language: lang() }), locality: locality.value });
  let counted;
  const showPreview = async () => {
    try {
      counted = await api('POST', '/api/admin/broadcasts/preview', body());
      preview.replaceChildren(h('div', { id: 'bc-preview', class: 'preview' }, counted.text), h('p', { id: 'bc-count' }, t('bc.recipients', { count: counted.recipients })));
      send.disabled = false;
    } catch (err) {
      preview.replaceChildren(message('error', t('error.generic', { error: err.message })));
      send.disabled = true;
    }
  };
  for (const input of [text, answer, locality]) input.addEventListener('input', () => (send.disabled = true));
  send.addEventListener('click', async () => {
    if (!counted || !confirm(t('bc.confirm', { count: counted.recipients }))) return;
    send.disabled = true;
    const res = await api('POST', '/api/admin/broadcasts', body());
    preview.replaceChildren(message('success', t('bc.sent', { id: res.id })));
    await refresh();
  });
  const form = h('form', { class: 'card', onsubmit: (e) => {
    e.preventDefault();
    void showPreview();
  } }, h('h2', {}, t('bc.compose')),
  h('fieldset', {}, h('legend', {}, t('bc.from')), h('label', { for: 'bc-from-text', class: 'radio' }, fromText, t('bc.fromText')), h('label', { for: 'bc-from-answer', class: 'radio' }, fromAnswer, t('bc.fromAnswer'))),
  textLabel, answerLabel, h('label', { for: 'bc-locality' }, t('bc.locality'), locality),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('bc.preview')), send), preview);

  const list = h('section', { class: 'card' });
  const render = (rows) => list.replaceChildren(h('h2', {}, t('bc.list')), rows.length ? h('ul', {}, rows.map((b) => h('li', {},
    h('code', {}, b.id), ` · ${b.createdAt.slice(0, 16).replace('T', ' ')} · ${b.locality ?? t('bc.everywhere')}: ${b.text}`,
    h('progress', { max: b.progress.total || 1, value: b.progress.total - b.progress.remaining, 'aria-label': b.id }), h('p', { class: 'muted' }, progressText(b.progress)),
    b.progress.remaining > 0 ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
      await api('POST', `/api/admin/broadcasts/${b.id}/resume`);
      await refresh();
    } }, t('bc.resume')) : null))) : h('p', {}, t('bc.none')));
  // while a broadcast is going out and this page is shown, its progress is read again every two seconds
  const refresh = async () => {
    const rows = (await api('GET', '/api/admin/broadcasts')).broadcasts;
    render(rows);
    if (list.isConnected && rows.some((b) => b.progress.remaining > 0)) setTimeout(() => void refresh().catch(() => undefined), 2000);
  };
  render(broadcasts);
  if (broadcasts.some((b) => b.progress.remaining > 0)) setTimeout(() => void refresh().catch(() => undefined), 2000);
  return h('div', {}, form, list);
}
