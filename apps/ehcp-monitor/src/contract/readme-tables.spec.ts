import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { README_TABLES, markdownTable, readmeTable } from './readme-tables.js';

const readme = readFileSync(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');

describe("the README's contract tables", () => {
  it.each(Object.keys(README_TABLES))('%s matches what the service serves', (name) => {
    const expected = README_TABLES[name]!();
    const found = readmeTable(readme, name);
    // On a failure, paste the table below between the markers (then run Prettier).
    if (JSON.stringify(found) !== JSON.stringify(expected)) process.stdout.write(`${markdownTable(expected)}\n`);
    expect(found).toEqual(expected);
  });

  it('reads a table back as written, whatever its padding', () => {
    const table = markdownTable([
      ['a', 'b'],
      ['`x\\|y`', 'z'],
    ]);
    const padded = table.replace('| a | b |', '| a     | b   |');
    expect(readmeTable(`<!-- contract:t -->\n${padded}\n<!-- /contract:t -->`, 't')).toEqual([
      ['a', 'b'],
      ['`x\\|y`', 'z'],
    ]);
  });
});
