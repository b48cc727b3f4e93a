import { api } from '../api.js';
import { figure, h, table } from '../dom.js';
import { formatNumber, lang, t } from '../i18n.js';

let chart;

function dayLabel(day) {
  const [, m, d] = day.split('-');
  return lang() === 'vi' ? `${d}/${m}` : `${d}.${m}`;
}

/** Tổng quan: the figures of `campaign stats`, summed, with a chart of questions per day. */
export async function overviewPage() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const query = new URLSearchParams([...params].filter(([, v]) => v));
  const [data, list, { intents }] = await Promise.all([api('GET', `/api/admin/overview?${query}`), api('GET', '/api/admin/campaigns'), api('GET', '/api/admin/intents')]);
  const topic = new Map(intents.map((i) => [i.id, lang() === 'en' ? i.en : i.vi]));
  const { totals } = data;
  const since = h('input', { type: 'date', id: 'ov-since', name: 'since', value: data.since });
  const until = h('input', { type: 'date', id: 'ov-until', name: 'until', value: data.until });
  const code = h('select', { id: 'ov-code', name: 'code' }, h('option', { value: '' }, t('ov.all')), list.campaigns.map((c) => h('option', { value: c.code, selected: params.get('code') === c.code }, c.name)), h('option', { value: 'direct', selected: params.get('code') === 'direct' }, t('ov.direct')));
  const form = h('form', { class: 'inline card', 'aria-label': t('ov.range'), onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#overview?${new URLSearchParams({ since: since.value, until: until.value, code: code.value })}`;
  } }, h('label', { for: 'ov-since' }, t('ov.since'), since), h('label', { for: 'ov-until' }, t('ov.until'), until), h('label', { for: 'ov-code' }, t('ov.campaign'), code), h('button', { type: 'submit' }, t('ov.show')));

  const pct = (n) => `${formatNumber(n)} %`;
  const figures = h('div', { class: 'figures', id: 'figures' },
    figure(t('ov.questions'), formatNumber(totals.questions)),
    figure(t('ov.users'), formatNumber(totals.users)),
    figure(t('ov.answered'), pct(totals.rates.answered)),
    figure(t('ov.clarified'), pct(totals.rates.clarified)),
    figure(t('ov.fallback'), pct(totals.rates.fallback)),
    figure(t('ov.up'), `${formatNumber(totals.helpful)} (${pct(totals.rates.helpful)})`),
    figure(t('ov.down'), `${formatNumber(totals.unhelpful)} (${pct(totals.rates.unhelpful)})`));

  const canvas = h('canvas', { id: 'per-day', role: 'img', 'aria-label': `${t('ov.perDay')}: ${totals.by_day.map((d) => `${dayLabel(d.day)} ${d.questions}`).join(', ')}` });
  const chartCard = h('section', { class: 'card' }, h('h2', {}, t('ov.perDay')), totals.by_day.length ? h('div', { class: 'chart' }, canvas) : h('p', { class: 'muted' }, t('ov.none')));
  chart?.destroy();
  if (totals.by_day.length && window.Chart) {
    const series = (key, label, color) => ({ label, data: totals.by_day.map((d) => d[key]), backgroundColor: color, stack: 'q' });
    chart = new window.Chart(canvas, {
      type: 'bar',
      data: { labels: totals.by_day.map((d) => dayLabel(d.day)), datasets: [series('answered', t('ov.answered'), '#1b6e2f'), series('clarified', t('ov.clarified'), '#c27c0e'), series('fallback', t('ov.fallback'), '#a4161a')] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, datasets: { bar: { maxBarThickness: 48 } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  const byChannel = table([t('ov.channel'), { label: t('ov.questions'), num: true }], totals.by_channel.map((c) => h('tr', {}, h('td', {}, c.channel), h('td', { class: 'num' }, formatNumber(c.questions)))));
  const byCampaign = table([t('ov.campaign'), { label: t('ov.users'), num: true }, { label: t('ov.questions'), num: true }, { label: t('ov.answered'), num: true }, { label: t('ov.clarified'), num: true, cls: 'hide-phone' }, { label: t('ov.fallback'), num: true }],
    data.campaigns.filter((c) => c.questions + c.users > 0).map((c) => h('tr', {}, h('td', {}, c.code === 'direct' ? t('ov.direct') : c.name), h('td', { class: 'num' }, formatNumber(c.users)), h('td', { class: 'num' }, formatNumber(c.questions)), h('td', { class: 'num' }, formatNumber(c.answered)), h('td', { class: 'num hide-phone' }, formatNumber(c.clarified)), h('td', { class: 'num' }, formatNumber(c.fallback - c.clarified)))));
  const topics = table([t('ov.topic'), { label: t('ov.count'), num: true }], totals.top_intents.map((i) => h('tr', {}, h('td', {}, h('b', {}, i.intent), topic.get(i.intent) ? h('span', { class: 'muted' }, ` — ${topic.get(i.intent)}`) : null), h('td', { class: 'num' }, formatNumber(i.count)))));
  return h('div', {}, form, figures, chartCard,
    h('section', { class: 'card' }, h('h2', {}, t('ov.byCampaign')), byCampaign),
    h('section', { class: 'card' }, h('h2', {}, t('ov.byChannel')), byChannel),
    h('section', { class: 'card' }, h('h2', {}, t('ov.topics')), topics),
    h('p', { class: 'muted' }, t('ov.sameAsCli')));
}
