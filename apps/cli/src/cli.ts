import { parseArgs } from 'node:util';
import { adminCommand } from './admin.js';
import { UsageError, positiveInt } from './args.js';
import { backupCommand, restoreCommand } from './backup.js';
import { generateCommand } from './generate.js';
import { accountsCommand, bearerToken, tokenCommand } from './identity.js';
import { verifyCalibrationCommand } from './verify-calibration.js';
import { importFile } from './import-file.js';
import { TargetUnreachableError } from './target-check.js';
import { COMMAND_USAGE, EXIT_CODES, USAGE, type CommandName } from './usage.js';
import { cliVersion } from './version.js';

export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const STD: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs one command line and answers the exit code (see EXIT_CODES); never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliOutput = STD): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.out(`${cliVersion()}\n`);
    return 0;
  }
  if (!(command in COMMAND_USAGE)) {
    io.err(`unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const name = command as CommandName;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${COMMAND_USAGE[name]}\n${EXIT_CODES}`);
    return 0;
  }
  if (rest.includes('--version') || rest.includes('-V')) {
    io.out(`${cliVersion()}\n`);
    return 0;
  }
  try {
    await run(name, rest, io);
    return 0;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof TargetUnreachableError) return 3;
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(COMMAND_USAGE[name]);
      return 2;
    }
    return 1;
  }
}

async function run(command: CommandName, args: string[], io: CliOutput): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      la: { type: 'string' },
      las: { type: 'string' },
      seed: { type: 'string' },
      years: { type: 'string' },
      end: { type: 'string' },
      plans: { type: 'string' },
      like: { type: 'string' },
      all: { type: 'boolean' },
      national: { type: 'boolean' },
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
      'data-dir': { type: 'string' },
    },
    allowPositionals: command === 'clients' || command === 'users',
    strict: true,
  });
  switch (command) {
    case 'generate':
      return generateCommand(values);
    case 'import': {
      if (!values.file) throw new UsageError('import needs --file');
      const summary = await importFile({
        file: values.file,
        url: values.url,
        batchSize: positiveInt(values.batch, 'batch'),
        concurrency: positiveInt(values.concurrency, 'concurrency'),
        notice: (message) => io.err(`${message}\n`),
        token: await bearerToken(values, ['case-system']),
      });
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    case 'rebuild':
    case 'publish-rollups':
      return adminCommand(command, values);
    case 'verify-calibration':
      verifyCalibrationCommand(values);
      return;
    case 'token':
      return tokenCommand(values);
    case 'backup':
      return backupCommand(values);
    case 'restore':
      return restoreCommand(values);
    case 'clients':
    case 'users':
      return accountsCommand(command, positionals[0], values);
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code.startsWith('ERR_PARSE_ARGS');
}
