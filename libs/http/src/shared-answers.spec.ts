import { describe, expect, it } from '@jest/globals';
import { serializeAnswer, shareAnswer } from './shared-answers.js';

describe('answers shared between requests', () => {
  it('writes a shared answer as JSON once and sends the same text again', () => {
    const report = shareAnswer({ kpi: 'caseload', periods: [{ period: '2024-01', value: 3 }] });
    const first = serializeAnswer(report);
    expect(JSON.parse(first)).toEqual(report);
    // Shared answers never change; were one changed, the text first written is what is sent.
    report.periods[0]!.value = 4;
    expect(serializeAnswer(report)).toBe(first);
  });

  it('writes any other answer afresh each time', () => {
    const answer = { count: 1 };
    expect(serializeAnswer(answer)).toBe('{"count":1}');
    answer.count = 2;
    expect(serializeAnswer(answer)).toBe('{"count":2}');
    expect(serializeAnswer('text')).toBe('"text"');
    expect(serializeAnswer(null)).toBe('null');
  });
});
