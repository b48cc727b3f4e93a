import { t } from './i18n.js';

// A tiny DOM builder: text is always set as text, never parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** A table that scrolls sideways on a narrow screen (reachable by keyboard); an empty header is named for screen readers. */
export function table(headers, rows) {
  const head = (x) => h('th', { scope: 'col', class: [x.num && 'num', x.cls].filter(Boolean).join(' ') || undefined }, (x.label ?? x) || h('span', { class: 'sr-only' }, t('actions')));
  return h('div', { class: 'table-wrap', tabindex: 0 }, h('table', {}, h('thead', {}, h('tr', {}, headers.map(head))), h('tbody', {}, rows)));
}

export function figure(label, value) {
  return h('div', { class: 'figure' }, h('b', {}, value), h('span', {}, label));
}

export function message(kind, text) {
  return h('div', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}
