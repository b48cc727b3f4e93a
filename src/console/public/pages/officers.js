import { api } from '../api.js';
import { h, message, table } from '../dom.js';
import { t } from '../i18n.js';

/** Cán bộ: invite (the code is shown once), list, revoke. */
export async function officersPage() {
  const [{ officers }, { localities }] = await Promise.all([api('GET', '/api/admin/officers'), api('GET', '/api/admin/localities')]);
  const status = h('div', { 'aria-live': 'polite' });
  const locality = h('select', { id: 'of-locality', required: true }, localities.map((l) => h('option', { value: l.name }, l.name)));
  const unit = h('select', { id: 'of-unit', required: true });
  const fillUnits = () => unit.replaceChildren(...(localities.find((l) => l.name === locality.value)?.units ?? []).map((u) => h('option', { value: u }, u)));
  locality.addEventListener('change', fillUnits);
  fillUnits();
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const res = await api('POST', '/api/admin/officers/invite', { unit: unit.value, locality: locality.value });
      status.replaceChildren(h('div', { class: 'success', role: 'status' }, t('of.code', { expires: res.expires.slice(0, 16).replace('T', ' ') + ' UTC' }), h('p', { class: 'code-once', id: 'invite-code' }, `/officer ${res.code}`), `${res.unit}, ${res.locality}`));
    } catch (err) {
      status.replaceChildren(message('error', t('error.generic', { error: err.message })));
    }
  } }, h('h2', {}, t('of.invite')), h('div', { class: 'row' }, h('label', { for: 'of-locality' }, t('of.locality'), locality), h('label', { for: 'of-unit' }, t('of.unit'), unit), h('button', { type: 'submit' }, t('of.make'))), status);

  const rows = officers.map((o) => h('tr', {}, h('td', {}, h('code', {}, o.user)), h('td', {}, o.unit), h('td', {}, o.locality), h('td', { class: 'hide-phone' }, o.since.slice(0, 10)),
    h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('of.revoke')} ${o.user}`, onclick: async (e) => {
      if (!confirm(t('of.confirm', { user: o.user }))) return;
      await api('POST', '/api/admin/officers/revoke', { user: o.user });
      e.target.closest('tr').remove();
      status.replaceChildren(message('success', t('of.revoked', { user: o.user })));
    } }, t('of.revoke')))));
  return h('div', {}, form, h('section', { class: 'card' }, h('h2', {}, t('of.list')), rows.length ? table([t('of.user'), t('of.unit'), t('of.locality'), { label: t('of.since'), cls: 'hide-phone' }, ''], rows) : h('p', {}, t('of.none'))));
}
