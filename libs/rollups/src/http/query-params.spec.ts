import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { parsePublishQuery, parseRollupsQuery } from './query-params.js';

const problemOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof BadRequestException) return error.message;
    throw error;
  }
  throw new Error('expected a BadRequestException');
};

describe('rollup route parameters', () => {
  it('defaults to the latest revision of up to 104 weeks', () => {
    expect(parseRollupsQuery('202', {})).toEqual({ revisions: 'latest', limit: 104 });
    expect(parseRollupsQuery('202', { week: '2024-W02', revisions: 'all' })).toEqual({
      week: '2024-W02',
      revisions: 'all',
      limit: 104,
    });
  });

  it('names every bad parameter at once', () => {
    const message = problemOf(() =>
      parseRollupsQuery('20', { week: '2021-W53', revisions: 'some', limit: '0', x: '1' }),
    );
    expect(message).toMatch(/la must be a DfE three-digit LA code, got "20"/);
    expect(message).toMatch(/week must be an ISO week such as 2024-W02: .*2021 has weeks 01..52/);
    expect(message).toMatch(/revisions must be latest or all/);
    expect(message).toMatch(/limit must be a whole number from 1 to 520/);
    expect(message).toMatch(/unknown parameter "x"/);
  });

  it('asks for a week with revisions=all, and a single value per parameter', () => {
    expect(problemOf(() => parseRollupsQuery('202', { revisions: 'all' }))).toMatch(/revisions=all needs a week/);
    expect(problemOf(() => parseRollupsQuery('202', { week: ['2024-W01', '2024-W02'] }))).toMatch(/given once/);
  });

  it('publish: la optional, week only with la', () => {
    expect(parsePublishQuery({})).toEqual({});
    expect(parsePublishQuery({ la: '202', week: '2024-W02' })).toEqual({ la: '202', week: '2024-W02' });
    expect(problemOf(() => parsePublishQuery({ week: '2024-W02' }))).toMatch(/week needs la/);
    expect(problemOf(() => parsePublishQuery({ la: 'abc' }))).toMatch(/three-digit/);
  });
});
