import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** libs/benchmarks/data/, the shipped CSV files (tests read them directly). */
export const DATA_DIRECTORY = fileURLToPath(new URL('../../data/', import.meta.url));

export function readDataFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(DATA_DIRECTORY)
      .filter((file) => file.endsWith('.csv'))
      .map((file) => [file, readFileSync(join(DATA_DIRECTORY, file), 'utf8')]),
  );
}
