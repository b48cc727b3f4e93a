import { api } from '../api.js';
import { h, table } from '../dom.js';
import { t } from '../i18n.js';

/** Nhật ký: the administrators' actions, newest first. */
export async function auditPage() {
  const { entries } = await api('GET', '/api/admin/audit');
  return table([t('au.at'), t('au.by'), t('au.action'), t('au.target')], entries.map((e) => h('tr', {}, h('td', {}, e.at.slice(0, 19).replace('T', ' ')), h('td', {}, e.by), h('td', {}, e.action), h('td', {}, [e.target, e.detail].filter(Boolean).join(' · ')))));
}
