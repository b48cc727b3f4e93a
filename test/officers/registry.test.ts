import { describe, expect, it } from 'vitest';
import { INVITE_TTL_MS, MAX_ATTEMPTS_PER_HOUR, OfficerRegistry } from '../../src/officers/registry.js';
import { LocalStore } from '../../src/storage/local-store.js';

describe('officer invites', () => {
  it('expire', async () => {
    let now = new Date('2024-01-01T00:00:00Z');
    const registry = new OfficerRegistry(LocalStore.memory(), () => now);
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    now = new Date(now.getTime() + INVITE_TTL_MS + 1000);
    expect(await registry.redeem('web:u1', code)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('are single-use even when two people send the code at once', async () => {
    const registry = new OfficerRegistry(LocalStore.memory(), () => new Date());
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    const results = await Promise.all(['web:a', 'web:b', 'web:c'].map((u) => registry.redeem(u, code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('stop answering a user who guesses too often', async () => {
    const registry = new OfficerRegistry(LocalStore.memory(), () => new Date());
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    for (let i = 0; i < MAX_ATTEMPTS_PER_HOUR; i++) await registry.redeem('web:x', `WRONG${i}XX`);
    expect(await registry.redeem('web:x', code)).toEqual({ ok: false, reason: 'too_many_attempts' });
  });
});
