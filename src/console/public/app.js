import { api, ApiError, fetchCsrf, setCsrf } from './api.js';
import { h, message } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { accountsPage } from './pages/accounts.js';
import { broadcastsPage } from './pages/broadcasts.js';
import { campaignsPage } from './pages/campaigns.js';
import { liveHelpPage } from './pages/live-help.js';
import { officersPage } from './pages/officers.js';
import { overviewPage } from './pages/overview.js';
import { reviewPage } from './pages/review.js';
import { tasksPage } from './pages/tasks.js';

// Pages in the order of the menu, with the roles that see them (the server checks the same on every call).
const PAGES = [
  { id: 'overview', roles: ['admin', 'editor'], render: overviewPage },
  { id: 'review', roles: ['admin', 'editor'], render: reviewPage },
  { id: 'campaigns', roles: ['admin', 'editor'], render: campaignsPage },
  { id: 'officers', roles: ['admin'], render: officersPage },
  { id: 'tasks', roles: ['admin', 'officer'], render: tasksPage },
  { id: 'broadcasts', roles: ['admin', 'editor'], render: broadcastsPage },
  { id: 'handoff', roles: ['admin', 'agent'], render: liveHelpPage },
  { id: 'accounts', roles: ['admin'], render: accountsPage },
];

const view = document.getElementById('view');
let account;

function pagesOf(role) {
  return PAGES.filter((p) => p.roles.includes(role));
}

function chrome() {
  document.title = t('title');
  document.documentElement.lang = lang();
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('skip').textContent = t('skip');
  const langButton = document.getElementById('lang');
  langButton.textContent = t('lang');
  langButton.lang = lang() === 'vi' ? 'en' : 'vi';
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.hidden = !account;
  document.getElementById('who').textContent = account ? `${account.name} (${t(`role.${account.role}`)})` : '';
  const nav = document.getElementById('nav');
  nav.replaceChildren(...(account ? pagesOf(account.role).map((p) => h('a', { href: `#${p.id}`, 'aria-current': current()?.id === p.id ? 'page' : undefined }, t(`nav.${p.id}`))) : []));
}

function current() {
  if (!account) return undefined;
  const mine = pagesOf(account.role);
  const wanted = location.hash.slice(1).split(/[/?]/)[0];
  return mine.find((p) => p.id === wanted) ?? mine[0];
}

// each navigation's number: a page that finishes loading after the person has moved on is not shown
let shown = 0;

async function show() {
  const turn = ++shown;
  chrome();
  if (!account) return loginPage();
  const page = current();
  view.replaceChildren(h('p', { class: 'muted' }, t('loading')));
  try {
    const content = await page.render(location.hash.slice(1).split('?')[0].split('/').slice(1).map(decodeURIComponent));
    if (turn !== shown) return;
    view.replaceChildren(h('h1', {}, t(`nav.${page.id}`)), content);
  } catch (err) {
    if (turn !== shown) return;
    if (err instanceof ApiError && err.status === 401) {
      account = undefined;
      await show();
      view.prepend(message('error', t('error.session')));
      return;
    }
    view.replaceChildren(h('h1', {}, t(`nav.${page.id}`)), message('error', t('error.generic', { error: err.message })));
  }
  // focus on the page for screen readers and keyboards, without jumping past the menu
  view.focus({ preventScroll: true });
}

function loginPage() {
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true, maxlength: 40 });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
  const status = h('div');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    status.replaceChildren();
    try {
      await fetchCsrf();
      const res = await api('POST', '/api/auth/login', { name: name.value, password: password.value });
      setCsrf(res.csrf);
      account = res.account;
      if (!location.hash) location.hash = `#${pagesOf(account.role)[0].id}`;
      await show();
    } catch (err) {
      status.replaceChildren(message('error', err.status === 429 ? t('login.limited') : err.status === 401 ? t('login.wrong') : t('error.generic', { error: err.message })));
      password.value = '';
    }
  } },
  h('label', { for: 'login-name' }, t('login.name'), name),
  h('label', { for: 'login-password' }, t('login.password'), password),
  status,
  h('button', { type: 'submit' }, t('login.submit')));
  view.replaceChildren(h('div', { class: 'login' }, h('h1', {}, t('login.title')), form, invitePanel(name)));
  name.focus();
}

/** An officer with an invite code (of `officer invite`) makes their own account with it: the code's unit and locality. */
function invitePanel(loginName) {
  const field = (id, label, attrs) => {
    const input = h('input', { id, required: true, ...attrs });
    return [input, h('label', { for: id }, label, input)];
  };
  const [code, codeLabel] = field('iv-code', t('iv.code'), { maxlength: 40, autocomplete: 'off' });
  const [name, nameLabel] = field('iv-name', t('iv.name'), { maxlength: 40, autocomplete: 'username', pattern: '[a-zA-Z0-9._\\-]{2,40}' });
  const [password, passwordLabel] = field('iv-password', t('ac.password'), { type: 'password', minlength: 10, maxlength: 200, autocomplete: 'new-password' });
  const status = h('div');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await fetchCsrf();
      const res = await api('POST', '/api/auth/invite', { code: code.value.replace(/^\/officer\s+/i, '').trim(), name: name.value, password: password.value });
      status.replaceChildren(message('success', t('iv.done', { name: res.account.name, unit: res.account.unit, locality: res.account.locality })));
      loginName.value = res.account.name;
      form.reset();
    } catch (err) {
      status.replaceChildren(message('error', t('error.generic', { error: err.message })));
    }
  } }, h('p', {}, t('iv.intro')), codeLabel, nameLabel, passwordLabel, status, h('button', { type: 'submit', class: 'secondary' }, t('iv.submit')));
  return h('details', { class: 'invite' }, h('summary', {}, t('iv.title')), form);
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'vi' ? 'en' : 'vi');
  void show();
});
document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/api/auth/logout').catch(() => undefined);
  account = undefined;
  location.hash = '';
  await show();
});
window.addEventListener('hashchange', () => void show());

// Already signed in (a reload): the session cookie says who, a fresh token comes with it.
try {
  account = (await fetchCsrf()) ?? undefined;
} catch {
  account = undefined;
}
await show();
