import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

/**
 * Makes a new embedded data folder from a backup (`POST /api/v1/admin/backup`). The folder must be new or empty, so
 * a restore never overwrites a live database; start the service on it with DATA_DIR.
 */
export async function restoreEmbedded(archive: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty: restore into a new folder, then point DATA_DIR at it`);
  }
  const db = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(archive)]) });
  await db.query('SELECT 1');
  await db.close();
}
