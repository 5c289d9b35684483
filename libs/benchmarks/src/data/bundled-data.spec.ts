import { describe, expect, it } from '@jest/globals';
import { readDataFiles } from '../testing/data-files.js';
import { BUNDLED_DATA } from './bundled-data.js';

describe('bundled published figures', () => {
  it('are the CSV files of libs/benchmarks/data/, byte for byte (rerun scripts/bundle-data.ts after editing them)', () => {
    const files = readDataFiles();
    expect(Object.keys(BUNDLED_DATA).sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files)) expect(BUNDLED_DATA[file] === text).toBe(true);
  });
});
