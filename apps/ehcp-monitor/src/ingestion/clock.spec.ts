import { describe, expect, it } from '@jest/globals';
import { londonDate } from './clock.js';

describe('londonDate', () => {
  it('uses Europe/London, not UTC, across the BST boundary', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in BST.
    expect(londonDate(new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
    // In winter London is on UTC.
    expect(londonDate(new Date('2024-01-31T23:30:00Z'))).toBe('2024-01-31');
  });
});
