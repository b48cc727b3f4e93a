import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/**
 * Runs `npm run -s cli -- ...args` the way an operator does (through tsx, without npm's start-up cost).
 * The operator's locale is pinned (LANG=C.UTF-8, no LC_ALL: Vietnamese messages) unless `env` sets it.
 */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: '', DATABASE_URL: '', LANG: 'C.UTF-8', LC_ALL: '', ...env },
      timeout: 60_000,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}
