import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfficerRegistry } from '../../src/officers/registry.js';
import { LocalStore } from '../../src/storage/local-store.js';

describe('the embedded store keeps its files private', () => {
  it('makes DATA_DIR 0700 and its files 0600, and keeps only a hash of invite codes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vneid-private-')), 'data');
    const store = LocalStore.sqlite(dir);
    const registry = new OfficerRegistry(store, () => new Date());
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    await store.set('test', 'x', { a: 1 });
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toContain('assistant.sqlite');
    for (const f of files) expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
    const bytes = files.map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    expect(bytes).not.toContain(code);
  });

  it('overwrites deleted rows (secure_delete), so a handled update is not left readable in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vneid-private-'));
    const store = LocalStore.sqlite(dir);
    const secret = 'SECRET-UPDATE-TEXT-0123456789';
    await store.set('inbox', 'u1', { text: secret.repeat(20) });
    await store.delete('inbox', 'u1');
    await store.close();
    const bytes = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    expect(bytes).not.toContain(secret);
  });
});
