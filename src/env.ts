import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

/**
 * Loads the project's `.env` (see .env.example) into process.env before anything reads it: imported
 * first by every entry point (server and CLI). Variables already set in the environment win.
 */
export interface DotEnv {
  file: string;
  /** how many variables the file set (those not already in the environment) */
  loaded: number;
}

function load(): DotEnv | undefined {
  const file = process.env.DOTENV_FILE || fileURLToPath(new URL('../.env', import.meta.url));
  if (!existsSync(file)) return undefined;
  const values = parseEnv(readFileSync(file, 'utf8'));
  let loaded = 0;
  for (const [name, value] of Object.entries(values)) {
    if (process.env[name] !== undefined) continue;
    process.env[name] = value;
    loaded++;
  }
  return { file, loaded };
}

export const dotEnv = load();
