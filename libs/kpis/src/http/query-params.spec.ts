import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { parseAtRiskQuery, parseKpiQuery } from './query-params.js';

describe('KPI query parameters', () => {
  it('defaults to the 12 months to today, by month', () => {
    expect(parseKpiQuery({}, '2024-06-30')).toEqual({
      from: '2023-07-01',
      to: '2024-06-30',
      groupBy: 'month',
      breakdown: null,
      includeCases: false,
    });
  });

  it('reads every parameter; a date-only asOf means the end of that day', () => {
    const query = parseKpiQuery(
      {
        from: '2024-01-01',
        to: '2024-12-31',
        groupBy: 'quarter',
        breakdown: 'team',
        asOf: '2024-07-01',
        includeCases: 'true',
      },
      '2026-01-01',
    );
    expect(query).toMatchObject({ groupBy: 'quarter', breakdown: 'team', includeCases: true });
    expect(query.asOf?.toISOString()).toBe('2024-07-01T23:59:59.999Z');
  });

  it('reports every bad parameter at once', () => {
    let message = '';
    try {
      parseKpiQuery(
        { from: '2024-02-30', groupBy: 'week', includeCases: 'yes', asOf: '2024-07-01 10:00', extra: 'x' },
        '2024-06-30',
      );
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      message = (error as Error).message;
    }
    for (const name of ['from', 'groupBy', 'includeCases', 'asOf', 'extra']) expect(message).toContain(name);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => parseKpiQuery({ from: '2024-02-01', to: '2024-01-01' }, '2024-06-30')).toThrow('on or before');
  });

  it('reads withinDays, filters and paging for at-risk', () => {
    expect(parseAtRiskQuery({})).toEqual({ withinDays: 28, filters: {}, page: { limit: 100 } });
    expect(parseAtRiskQuery({ withinDays: '0' }).withinDays).toBe(0);
    expect(() => parseAtRiskQuery({ withinDays: '1.5' })).toThrow('withinDays');
    expect(() => parseAtRiskQuery({ withinDays: '400' })).toThrow('withinDays');
    expect(parseAtRiskQuery({ step: 'annual-review,final-plan', team: 'north', status: 'overdue' })).toMatchObject({
      filters: { step: ['annual-review', 'final-plan'], team: ['north'], status: ['overdue'] },
    });
    expect(() => parseAtRiskQuery({ step: 'lunch' })).toThrow(/^step must be one or more of/);
    expect(() => parseAtRiskQuery({ primaryNeed: 'XYZ' })).toThrow('primaryNeed');
    expect(() => parseAtRiskQuery({ stage: 'closed' })).toThrow('stage');
    expect(() => parseAtRiskQuery({ status: 'late' })).toThrow('status');
    expect(() => parseAtRiskQuery({ limit: '0' })).toThrow('limit');
    expect(() => parseAtRiskQuery({ limit: '501' })).toThrow('limit');
    expect(() => parseAtRiskQuery({ cursor: 'abc' })).toThrow('cursor');
    expect(parseAtRiskQuery({ limit: '500' }, true).page).toEqual({ limit: null });
  });
});
