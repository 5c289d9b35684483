import { describe, expect, it } from '@jest/globals';
import { parseDfeCell, parseTribunalCell, percentCell, sumCells } from './cells.js';

describe('published cells', () => {
  it('keep x, c and z explicit, never zero', () => {
    expect(parseDfeCell('x', 'f.csv', 'a')).toEqual({
      value: null,
      status: 'not-available',
      file: 'f.csv',
      column: 'a',
    });
    expect(parseDfeCell('c', 'f.csv', 'a').status).toBe('suppressed');
    expect(parseDfeCell('z', 'f.csv', 'a').status).toBe('not-applicable');
    expect(parseDfeCell('16.2', 'f.csv', 'a')).toEqual({
      value: 16.2,
      status: 'published',
      file: 'f.csv',
      column: 'a',
    });
    expect(parseDfeCell('0', 'f.csv', 'a').value).toBe(0);
    expect(() => parseDfeCell('', 'f.csv', 'a')).toThrow(/neither/);
  });

  it('read the appeal-rate table: thousands, percentages, dashes (none), .. and ~', () => {
    expect(parseTribunalCell('1,071', 'f', 'a').value).toBe(1071);
    expect(parseTribunalCell('4.70%', 'f', 'a').value).toBe(4.7);
    expect(parseTribunalCell(' - ', 'f', 'a')).toMatchObject({ value: 0, status: 'published' });
    expect(parseTribunalCell(' .. ', 'f', 'a')).toMatchObject({ value: null, status: 'not-available' });
    expect(parseTribunalCell(' x ', 'f', 'a')).toMatchObject({ value: null, status: 'not-available' });
    expect(parseTribunalCell('~', 'f', 'a')).toMatchObject({ value: null, status: 'suppressed' });
  });

  it('sum and divide only published numbers', () => {
    const a = parseDfeCell('3307', 'r.csv', 'six');
    const b = parseDfeCell('350', 'r.csv', 'over');
    const sum = sumCells([a, b]);
    expect(sum).toEqual({ value: 3657, status: 'computed', file: 'r.csv', column: 'six + over' });
    expect(percentCell(a, sum).value).toBe(90.4);
    expect(sumCells([a, parseDfeCell('c', 'r.csv', 'over')])).toMatchObject({ value: null, status: 'suppressed' });
    expect(percentCell(a, parseDfeCell('0', 'r.csv', 'd'))).toMatchObject({ value: null, status: 'not-applicable' });
  });
});
