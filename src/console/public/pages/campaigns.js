import { api } from '../api.js';
import { h, message } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

let chart;

/** Chiến dịch: create, list with links, QR downloads (or why not yet), figures per campaign with a chart, the embed snippet. */
export async function campaignsPage() {
  const [{ campaigns, embed }, overview, { localities }] = await Promise.all([api('GET', '/api/admin/campaigns'), api('GET', '/api/admin/overview'), api('GET', '/api/admin/localities')]);
  const status = h('div');
  const name = h('input', { id: 'cp-name', required: true, maxlength: 200 });
  const locality = h('select', { id: 'cp-locality' }, h('option', { value: '' }, '—'), localities.map((l) => h('option', { value: l.name }, l.name)));
  const channel = h('select', { id: 'cp-channel' }, h('option', { value: '' }, t('cp.anyChannel')), ['web', 'telegram', 'zalo'].map((c) => h('option', { value: c }, c)));
  const form = h('form', { class: 'card inline', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const c = await api('POST', '/api/admin/campaigns', { name: name.value, locality: locality.value, channel: channel.value });
      location.hash = `#campaigns/${c.code}`;
    } catch (err) {
      status.replaceChildren(message('error', t('error.generic', { error: err.message })));
    }
  } }, h('h2', {}, t('cp.create')), h('div', { class: 'row' }, h('label', { for: 'cp-name' }, t('cp.name'), name), h('label', { for: 'cp-locality' }, t('cp.locality'), locality), h('label', { for: 'cp-channel' }, t('cp.channel'), channel), h('button', { type: 'submit' }, t('cp.create'))), status);

  const figures = new Map(overview.campaigns.map((c) => [c.code, c]));
  const justMade = location.hash.split('/')[1];
  const cards = campaigns.map((c) => {
    const f = figures.get(c.code);
    const qr = c.qr.ok
      ? h('div', { class: 'actions' }, h('a', { class: 'button', href: `/api/admin/campaigns/${encodeURIComponent(c.code)}/qr.png`, download: `${c.code}.png` }, t('cp.qrPng')), h('a', { class: 'button secondary', href: `/api/admin/campaigns/${encodeURIComponent(c.code)}/qr.svg`, download: `${c.code}.svg` }, t('cp.qrSvg')))
      : message('notice', `${t('cp.qrRefused')}${c.qr.why}`);
    return h('article', { class: 'card', id: `campaign-${c.code}` },
      justMade === c.code ? message('success', t('cp.created', { code: c.code })) : null,
      h('h3', {}, c.name),
      h('p', { class: 'muted' }, `${t('cp.code')}: `, h('code', {}, c.code), c.locality ? ` · ${c.locality}` : '', c.channel ? ` · ${c.channel}` : ''),
      h('ul', {}, Object.entries(c.links).map(([k, v]) => h('li', {}, `${k}: `, h('code', {}, v)))),
      f ? h('p', {}, `${t('cp.figures')}: ${t('ov.users')} ${formatNumber(f.users)} · ${t('ov.questions')} ${formatNumber(f.questions)} · ${t('ov.answered')} ${formatNumber(f.answered)}`) : null,
      qr,
      c.embed ? h('details', {}, h('summary', {}, t('cp.embedOne')), h('pre', {}, h('code', {}, c.embed))) : null);
  });

  const withFigures = overview.campaigns.filter((c) => c.code !== 'direct');
  const canvas = h('canvas', { id: 'per-campaign', role: 'img', 'aria-label': `${t('cp.figures')}: ${withFigures.map((c) => `${c.name} ${c.questions}`).join(', ')}` });
  chart?.destroy();
  if (withFigures.length && window.Chart) {
    chart = new window.Chart(canvas, {
      type: 'bar',
      data: { labels: withFigures.map((c) => c.name.slice(0, 30)), datasets: [{ label: t('ov.users'), data: withFigures.map((c) => c.users), backgroundColor: '#0b4f9c' }, { label: t('ov.questions'), data: withFigures.map((c) => c.questions), backgroundColor: '#1b6e2f' }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  const embedCard = h('section', { class: 'card' }, h('h2', {}, t('cp.embed')),
    embed ? [h('p', {}, t('cp.embedHelp', { origins: embed.origins || '—' })), h('pre', {}, h('code', { id: 'embed-snippet' }, embed.snippet))] : message('notice', t('cp.embedMissing')));
  return h('div', {}, form,
    withFigures.length ? h('section', { class: 'card' }, h('h2', {}, t('cp.figures')), h('div', { class: 'chart' }, canvas)) : null,
    h('h2', {}, t('cp.list')), cards.length ? cards : h('p', {}, t('cp.none')), embedCard);
}
