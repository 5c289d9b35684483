import { describe, expect, it } from '@jest/globals';
import { chooseFormat, XLSX_TYPE } from './negotiate.js';

describe('export format negotiation', () => {
  it('lets format win over Accept', () => {
    expect(chooseFormat('csv', 'application/json')).toBe('csv');
    expect(chooseFormat('xlsx', undefined)).toBe('xlsx');
    expect(chooseFormat('json', 'text/csv')).toBe('json');
  });

  it('reads Accept by quality, then order, and answers JSON otherwise', () => {
    expect(chooseFormat(undefined, 'text/csv')).toBe('csv');
    expect(chooseFormat(undefined, `${XLSX_TYPE}`)).toBe('xlsx');
    expect(chooseFormat(undefined, 'application/json;q=0.5, text/csv')).toBe('csv');
    expect(chooseFormat(undefined, 'text/csv;q=0.2, application/json')).toBe('json');
    expect(chooseFormat(undefined, 'image/png, */*;q=0.1')).toBe('json');
    expect(chooseFormat(undefined, undefined)).toBe('json');
  });

  it('refuses an unknown format', () => {
    expect(() => chooseFormat('pdf', undefined)).toThrow('format must be one of');
  });
});
