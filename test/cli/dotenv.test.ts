import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('.env', () => {
  it('is read by every command, names the file, and loses to variables already set', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vneid-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, `# a comment\nDATA_DIR=${join(dir, 'from-dotenv')}\nNOW=2023-05-15\n`);
    const env: Record<string, string> = { DOTENV_FILE: file };
    delete process.env.DATA_DIR;
    const first = await cli(['officer', 'list'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(file);
    expect(existsSync(join(dir, 'from-dotenv', 'assistant.sqlite'))).toBe(true);
    const second = await cli(['officer', 'list'], { ...env, DATA_DIR: join(dir, 'from-environment') });
    expect(second.code).toBe(0);
    expect(existsSync(join(dir, 'from-environment', 'assistant.sqlite'))).toBe(true);
  });
});
