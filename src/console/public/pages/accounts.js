import { api } from '../api.js';
import { h, message, table } from '../dom.js';
import { t } from '../i18n.js';

/** Tài khoản: the console's accounts (create, disable, enable) and the administrators' audit log, newest first. */
export async function accountsPage() {
  const [{ accounts }, { entries }, { localities }, me] = await Promise.all([api('GET', '/api/admin/accounts'), api('GET', '/api/admin/audit'), api('GET', '/api/admin/localities'), api('GET', '/api/admin/me')]);
  const status = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'ac-name', required: true, maxlength: 40, autocomplete: 'off', pattern: '[a-zA-Z0-9._\\-]{2,40}' });
  const password = h('input', { id: 'ac-password', type: 'password', required: true, minlength: 10, maxlength: 200, autocomplete: 'new-password' });
  const role = h('select', { id: 'ac-role' }, ['editor', 'officer', 'admin'].map((r) => h('option', { value: r }, t(`role.${r}`))));
  const locality = h('select', { id: 'ac-locality' }, localities.map((l) => h('option', { value: l.name }, l.name)));
  const unit = h('select', { id: 'ac-unit' });
  const fillUnits = () => unit.replaceChildren(...(localities.find((l) => l.name === locality.value)?.units ?? []).map((u) => h('option', { value: u }, u)));
  const place = h('div', { class: 'row', hidden: true }, h('label', { for: 'ac-locality' }, t('of.locality'), locality), h('label', { for: 'ac-unit' }, t('of.unit'), unit));
  locality.addEventListener('change', fillUnits);
  role.addEventListener('change', () => (place.hidden = role.value !== 'officer'));
  fillUnits();
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const officer = role.value === 'officer' ? { unit: unit.value, locality: locality.value } : {};
      const res = await api('POST', '/api/admin/accounts', { name: name.value, role: role.value, password: password.value, ...officer });
      location.hash = `#accounts/${res.account.name}`;
    } catch (err) {
      status.replaceChildren(message('error', t('error.generic', { error: err.message })));
    }
  } }, h('h2', {}, t('ac.create')), h('div', { class: 'row' }, h('label', { for: 'ac-name' }, t('login.name'), name), h('label', { for: 'ac-password' }, t('ac.password'), password), h('label', { for: 'ac-role' }, t('ac.role'), role)), place, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('ac.create'))), status);

  const made = location.hash.split('/')[1];
  const rows = accounts.map((a) => h('tr', {}, h('td', {}, a.name), h('td', {}, t(`role.${a.role}`), a.unit ? h('span', { class: 'muted' }, ` · ${a.unit}, ${a.locality}`) : null), h('td', { class: a.disabled ? 'bad' : 'ok' }, a.disabled ? t('ac.disabled') : t('ac.active')),
    h('td', {}, a.name === me.account.name ? null : h('button', { type: 'button', class: 'secondary', 'aria-label': `${a.disabled ? t('ac.enable') : t('ac.disable')} ${a.name}`, onclick: async () => {
      try {
        await api('POST', `/api/admin/accounts/${encodeURIComponent(a.name)}/disabled`, { disabled: !a.disabled });
        location.hash = `#accounts/${a.name}`;
      } catch (err) {
        status.replaceChildren(message('error', t('error.generic', { error: err.message })));
      }
    } }, a.disabled ? t('ac.enable') : t('ac.disable')))));
  const audit = table([t('au.at'), t('au.by'), t('au.action'), t('au.target')], entries.map((e) => h('tr', {}, h('td', {}, e.at.slice(0, 19).replace('T', ' ')), h('td', {}, e.by), h('td', {}, e.action), h('td', {}, [e.target, e.detail].filter(Boolean).join(' · ')))));
  return h('div', {}, made ? message('success', t('ac.saved', { name: made })) : null, form,
    h('section', { class: 'card' }, h('h2', {}, t('ac.list')), table([t('login.name'), t('ac.role'), t('tk.state'), ''], rows), h('p', { class: 'muted' }, t('ac.cli'))),
    h('section', { class: 'card' }, h('h2', {}, t('au.title')), audit));
}
