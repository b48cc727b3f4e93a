import type { SessionStore } from '@fastify/session';
import type { Store } from '../storage/store.js';

/**
 * @fastify/session's store over the assistant's store (SQLite, Redis or PostgreSQL), so console
 * sessions survive a restart, are shared by instances, and end for good at logout.
 */
export function consoleSessionStore(store: Store, maxAgeMs: number): SessionStore {
  const key = (id: string) => `console:${id}`;
  return {
    set(id, session, done) {
      store.set('session', key(id), JSON.parse(JSON.stringify(session)), maxAgeMs).then(() => done(), done);
    },
    get(id, done) {
      store.get<Record<string, unknown>>('session', key(id)).then((s) => done(null, (s ?? null) as never), (err: Error) => done(err, null as never));
    },
    destroy(id, done) {
      store.delete('session', key(id)).then(() => done(), done);
    },
  };
}
