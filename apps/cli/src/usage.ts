/** The help text of every subcommand, and the overview. */
export const COMMAND_USAGE = {
  generate: `ehcp-monitor generate --la 202 --seed 1 [--years 5] [--end 2025-12-31] [--plans 4175] [--las N] --out la.ndjson
  Writes a calibrated synthetic local authority (or N of them, codes counting up from --la) as NDJSON.
ehcp-monitor generate --la 881 --like 2024 [--seed 1] [--years 5] --out essex.ndjson
  The same, shaped like that LA's published DfE figures (requests, refusals, 6- and 20-week rates, new plans,
  caseload, review decisions, placement mix), with the rates of the year given; ends that December unless --end is
  given.
ehcp-monitor generate --national [--like 2024] [--seed 1] [--years 5] --out england.ndjson
  Every LA with published figures, each shaped like itself, one after another (streamed: memory holds one LA).
`,
  'verify-calibration': `ehcp-monitor verify-calibration --la 881 | --all [--year 2024] [--seed 1]
  Generates each LA shaped like its published figures (one year, no feed noise), counts its facts, and prints
  each measure beside the published figure with the gap, placement shares (January census) included (--all:
  every LA, worst gaps first, and how many measures are within 3 points or 5%, or one case).
`,
  token: `ehcp-monitor token --role <role>[,<role>] [--la <code>[,<code>]]
  Prints a short-lived access token from the built-in issuer (roles: case-system, manager, board, admin).
`,
  clients: `ehcp-monitor clients add --id <client> --role case-system --la 202 | clients list | clients remove --id <client>
  Case systems' clients of the built-in issuer (client-credentials grant); the secret is printed once.
`,
  users: `ehcp-monitor users add --username <name> --role manager --la 202 | users list | users remove --username <name>
  People who sign in to the dashboard; the password (EHCP_NEW_PASSWORD, or generated) is printed once, stored hashed.
`,
  import: `ehcp-monitor import --file la.ndjson [--url http://localhost:3000] [--batch 1000] [--concurrency 4]
  Sends the file's facts through the service's ingestion API in batches, with a progress bar.
  Resumable: progress is kept in <file>.progress with the file's SHA-256 and the target URL; a run against the same
  file and target resumes, another file or target starts over and says so. Idempotent (facts are keyed by eventId).
  A target that does not answer is an error (exit code 3), checked before any line is sent.
`,
  rebuild: `ehcp-monitor rebuild [--projection NAME] [--url http://localhost:3000]
  Replays the read models from the first event into fresh tables and swaps them in, with a progress bar.
`,
  'publish-rollups': `ehcp-monitor publish-rollups [--la 202] [--url http://localhost:3000]
  Computes the weekly rollups now and publishes new revisions.
`,
  backup: `ehcp-monitor backup --out backup.tar.gz [--url http://localhost:3000]
  Asks the running service (embedded storage) for a consistent copy of its database; on PostgreSQL use pg_dump.
  Keep DATA_DIR/oidc (the issuer's keys, clients and users) with it.
`,
  restore: `ehcp-monitor restore --file backup.tar.gz --data-dir ./data-restored
  Makes a new embedded data folder from a backup; start the service on it with DATA_DIR.
`,
} as const;

/** How the commands that call the service authenticate. */
export const CREDENTIALS = `Commands that call the service (import, rebuild, publish-rollups, backup) send --token or EHCP_TOKEN, or mint
a short-lived token from the built-in issuer's keys in DATA_DIR when no OIDC_ISSUER_URL is set.
`;

export type CommandName = keyof typeof COMMAND_USAGE;

export const EXIT_CODES = `Exit codes:
  0  done
  1  failed (the service refused a batch, a rebuild failed, a file could not be read...)
  2  usage error (unknown command or option, a bad value)
  3  the service did not answer at --url
`;

export const USAGE = `ehcp-monitor admin commands (each takes --help and --version)

${Object.values(COMMAND_USAGE).join('\n')}
${CREDENTIALS}
${EXIT_CODES}`;
