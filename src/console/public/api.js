// Calls to /api/admin/ with the session cookie and, for changes, the CSRF token.
let csrf = '';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function setCsrf(token) {
  csrf = token;
}

/** A fresh CSRF token, and the account signed in (null when nobody is). */
export async function fetchCsrf() {
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  const data = await res.json();
  csrf = data.token;
  return data.account;
}

export async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : undefined;
  if (!res.ok) throw new ApiError(res.status, data?.error ?? res.statusText);
  return data;
}
