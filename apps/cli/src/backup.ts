import { writeFileSync } from 'node:fs';
import { restoreEmbedded } from '../../ehcp-monitor/src/backup/restore.js';
import { UsageError, str, type CliValues } from './args.js';
import { bearerToken } from './identity.js';
import { TargetUnreachableError } from './target-check.js';

/** `backup --out FILE`: asks the running service for a consistent copy of its embedded database. */
export async function backupCommand(values: CliValues): Promise<void> {
  const out = str(values, 'out');
  if (out === undefined) throw new UsageError('backup needs --out <file.tar.gz>');
  const url = str(values, 'url') ?? 'http://localhost:3000';
  const token = await bearerToken(values, ['admin']);
  let response: Response;
  try {
    response = await fetch(`${url}/api/v1/admin/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw new TargetUnreachableError(url, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new Error(`the service refused the backup (${response.status}): ${await response.text()}`);
  const archive = Buffer.from(await response.arrayBuffer());
  writeFileSync(out, archive, { mode: 0o600 });
  process.stdout.write(`backup of ${url} written to ${out} (${archive.length} bytes)\n`);
}

/** `restore --file FILE --data-dir DIR`: a new embedded data folder from a backup. */
export async function restoreCommand(values: CliValues): Promise<void> {
  const file = str(values, 'file');
  const dataDir = str(values, 'data-dir');
  if (file === undefined || dataDir === undefined) throw new UsageError('restore needs --file and --data-dir');
  await restoreEmbedded(file, dataDir);
  process.stdout.write(`restored ${file} into ${dataDir}; start the service with DATA_DIR=${dataDir}\n`);
}
