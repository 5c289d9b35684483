import { GENERIC_PROBLEM_TYPE, PROBLEM_TYPES, problemType, type ProblemTypeName } from '#http';
import { ALL_REJECTION_REASONS, EVENT_CONTRACTS, PATHWAY_EVENT_TYPES } from '#pathway';

/**
 * The README's contract tables, made from the same sources the service serves: each is written between
 * `<!-- contract:NAME -->` and `<!-- /contract:NAME -->` markers, and a test fails when the README drifts from them.
 */
export type TableRows = readonly (readonly string[])[];

const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;

export const README_TABLES: Readonly<Record<string, () => TableRows>> = {
  'event-types': () => [
    ['type', 'what it records', 'example `data`'],
    ...PATHWAY_EVENT_TYPES.map((type) => [
      code(type),
      EVENT_CONTRACTS[type].summary,
      code(JSON.stringify(EVENT_CONTRACTS[type].example.data)),
    ]),
  ],
  'rejection-codes': () => [
    ['code', 'meaning'],
    ...Object.entries(ALL_REJECTION_REASONS).map(([name, meaning]) => [code(name), meaning]),
  ],
  'problem-types': () => [
    ['type', 'status', 'meaning'],
    ...(Object.keys(PROBLEM_TYPES) as ProblemTypeName[]).map((name) => [
      code(problemType(name)),
      PROBLEM_TYPES[name].status.join(', '),
      PROBLEM_TYPES[name].description,
    ]),
    [code(GENERIC_PROBLEM_TYPE), 'any', 'Any other error, as its HTTP status says.'],
  ],
};

/** A table as Markdown (unpadded; Prettier pads it). */
export function markdownTable(rows: TableRows): string {
  const [head, ...body] = rows;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head!), line(head!.map(() => '---')), ...body.map(line)].join('\n');
}

/** The rows of the table between a README's markers, cells trimmed (so Prettier's padding does not matter). */
export function readmeTable(readme: string, name: string): TableRows | undefined {
  const start = readme.indexOf(`<!-- contract:${name} -->`);
  const end = readme.indexOf(`<!-- /contract:${name} -->`);
  if (start < 0 || end < start) return undefined;
  return readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}
