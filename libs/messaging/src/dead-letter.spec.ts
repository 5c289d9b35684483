import { describe, expect, it } from '@jest/globals';
import { DEAD_LETTER_HEADERS, deadLetterHeaders, readDeadLetter } from './dead-letter.js';

const letter = {
  code: 'final_before_request',
  reason: 'final plan dated before its request',
  topic: 't',
  partition: 2,
  offset: '41',
};
const at = new Date('2026-03-02T09:30:00.000Z');

describe('dead-letter headers', () => {
  it('names the reason, code and original position', () => {
    expect(deadLetterHeaders(letter, at)).toEqual({
      'x-dlq-reason': 'final plan dated before its request',
      'x-dlq-code': 'final_before_request',
      'x-original-topic': 't',
      'x-original-partition': '2',
      'x-original-offset': '41',
      'x-dlq-at': '2026-03-02T09:30:00.000Z',
    });
  });

  it('keeps the original headers but never lets them override the dead-letter ones', () => {
    const headers = deadLetterHeaders(letter, at, { 'x-source': 'capita-one', 'x-dlq-code': 'forged' });
    expect(headers['x-source']).toBe('capita-one');
    expect(headers[DEAD_LETTER_HEADERS.code]).toBe('final_before_request');
  });

  it('bounds a long reason', () => {
    const headers = deadLetterHeaders({ ...letter, reason: 'x'.repeat(5_000) }, at);
    expect(headers[DEAD_LETTER_HEADERS.reason]!.length).toBe(1_000);
  });

  it('reads back what it wrote, and refuses incomplete headers', () => {
    expect(readDeadLetter(deadLetterHeaders(letter, at))).toEqual(letter);
    const { [DEAD_LETTER_HEADERS.originalOffset]: _dropped, ...withoutOffset } = deadLetterHeaders(letter, at);
    expect(readDeadLetter(withoutOffset)).toBeUndefined();
    expect(
      readDeadLetter({ ...deadLetterHeaders(letter, at), [DEAD_LETTER_HEADERS.originalPartition]: 'two' }),
    ).toBeUndefined();
  });
});
