import { describe, expect, it } from '@jest/globals';
import { requestIdFrom } from './request-id.js';

describe('request id', () => {
  it('keeps a sane caller token', () => {
    expect(requestIdFrom('trace-42.a:b_c')).toBe('trace-42.a:b_c');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it('generates a UUID for a missing, empty, long or unsafe value', () => {
    for (const value of [undefined, '', 'x'.repeat(129), 'a b', 'a\nb', '<script>', 'é']) {
      expect(requestIdFrom(value)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
