import { parseArgs } from 'node:util';
import { importFile } from './import-file.js';
import { generateCommand } from './generate.js';
import { adminCommand } from './admin.js';
import { accountsCommand, bearerToken, tokenCommand } from './identity.js';
import { verifyCalibrationCommand } from './verify-calibration.js';
import { UsageError, positiveInt } from './args.js';

const USAGE = `ehcp-monitor admin commands

  generate --la 202 --seed 1 [--years 5] [--end 2025-12-31] [--plans 4175] [--las N] --out la.ndjson
      Writes a calibrated synthetic local authority (or N of them, codes counting up from --la) as NDJSON.
  generate --la 881 --like 2024 [--seed 1] [--years 5] --out essex.ndjson
      The same, shaped like that LA's published DfE figures (requests, refusals, 6- and 20-week rates, new plans,
      caseload, review decisions), with the rates of the year given; ends that December unless --end is given.
  verify-calibration --la 881 | --all [--year 2024] [--seed 1]
      Generates each LA shaped like its published figures (one year, no feed noise), counts its facts, and prints
      each measure beside the published figure with the gap (--all: every LA, worst gaps first).
  import --file la.ndjson [--url http://localhost:3000] [--batch 1000] [--concurrency 4]
      Sends the file's facts through the service's ingestion API in batches, with a progress bar.
      Resumable (progress in <file>.progress) and idempotent (facts are keyed by eventId).
  rebuild [--projection NAME] [--url http://localhost:3000]
      Replays the read models from the first event into fresh tables and swaps them in, with a progress bar.
  token --role <role>[,<role>] [--la <code>[,<code>]]
      Prints a short-lived access token from the built-in issuer (roles: case-system, manager, board, admin).
  clients add --id <client> --role case-system --la 202 | clients list | clients remove --id <client>
      Case systems' clients of the built-in issuer (client-credentials grant); the secret is printed once.
  users add --username <name> --role manager --la 202 | users list | users remove --username <name>
      People who sign in to the dashboard; the password (EHCP_NEW_PASSWORD, or generated) is stored hashed.
  Commands that call the service send --token or EHCP_TOKEN, or mint one from the built-in issuer in DATA_DIR.
  publish-rollups [--la 202] [--url http://localhost:3000]
      Computes the weekly rollups now and publishes new revisions.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      la: { type: 'string' },
      las: { type: 'string' },
      seed: { type: 'string' },
      years: { type: 'string' },
      end: { type: 'string' },
      plans: { type: 'string' },
      like: { type: 'string' },
      all: { type: 'boolean' },
      year: { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      url: { type: 'string', default: process.env.EHCP_MONITOR_URL ?? 'http://localhost:3000' },
      batch: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '4' },
      projection: { type: 'string' },
      token: { type: 'string' },
      role: { type: 'string' },
      id: { type: 'string' },
      username: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case 'generate':
      await generateCommand(values);
      return 0;
    case 'verify-calibration':
      verifyCalibrationCommand(values);
      return 0;
    case 'import': {
      if (!values.file) throw new UsageError('import needs --file');
      const summary = await importFile({
        file: values.file,
        url: values.url,
        batchSize: positiveInt(values.batch, 'batch'),
        concurrency: positiveInt(values.concurrency, 'concurrency'),
        token: await bearerToken(values, ['case-system']),
      });
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    case 'token':
      await tokenCommand(values);
      return 0;
    case 'clients':
    case 'users':
      await accountsCommand(command, positionals[0], values);
      return 0;
    case 'rebuild':
    case 'publish-rollups':
      await adminCommand(command, values);
      return 0;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError || (error instanceof Error && /^Unknown option|^Option/.test(error.message))) {
      process.stderr.write(USAGE);
      process.exit(2);
    }
    process.exit(1);
  },
);
