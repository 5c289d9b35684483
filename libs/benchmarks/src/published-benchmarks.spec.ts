import { describe, expect, it } from '@jest/globals';
import { isKnownLa, publishedBenchmarks } from './published-benchmarks.js';

const benchmarks = publishedBenchmarks();

function measure(la: string, year: number, name: string) {
  const found = benchmarks.benchmarks(la, year)?.measures.find((m) => m.measure === name);
  if (found === undefined) throw new Error(`no ${name} for ${la} ${year}`);
  return found;
}

describe('published benchmarks', () => {
  it('give Essex 297 / 1,833 = 16.2% of new plans within 20 weeks including exceptions in 2024', () => {
    const essex = measure('881', 2024, 'within-20-weeks-including-exceptions');
    expect(essex.la).toEqual({
      numerator: {
        value: 297,
        status: 'published',
        file: 'timeliness_20_week.csv',
        column: 'plans_issued_within_20_weeks',
      },
      denominator: { value: 1833, status: 'published', file: 'timeliness_20_week.csv', column: 'plans_issued_den' },
      rate: {
        value: 16.2,
        status: 'published',
        file: 'timeliness_20_week.csv',
        column: 'pc_plans_issued_within_20_weeks',
      },
    });
    expect(essex.region?.numerator.value).toBeGreaterThan(297);
    expect(essex.england?.denominator?.value).toBeGreaterThan(50_000);
    expect(essex.rank?.quartile).toBe(4);
  });

  it('name Camden, Essex and their regions', () => {
    expect(benchmarks.la('202')).toMatchObject({ name: 'Camden', region: { name: 'London' } });
    expect(benchmarks.la('881')).toMatchObject({ name: 'Essex', onsCode: 'E10000012', region: { code: 'E12000006' } });
    expect(isKnownLa('881')).toBe(true);
    expect(isKnownLa('999')).toBe(false);
    expect(benchmarks.benchmarks('999', 2024)).toBeUndefined();
  });

  it('pair a calendar year with the January census of the same return, and read the appeal-rate table', () => {
    expect(measure('881', 2024, 'plans-in-january')).toMatchObject({
      timePeriod: '202425',
      la: { numerator: { value: 14240 } },
    });
    const appeals = measure('881', 2024, 'tribunal-appeal-rate');
    expect(appeals.la?.numerator.value).toBe(709);
    expect(appeals.la?.denominator?.value).toBe(15188);
    expect(appeals.la?.rate?.value).toBe(4.7);
    expect(appeals.region).toBeNull();
    expect(appeals.england?.numerator.value).toBe(22276);
  });

  it('keep a cell the DfE did not publish explicit, and leave that LA unranked', () => {
    const reviews2019 = measure('881', 2019, 'review-decisions-within-4-weeks');
    expect(reviews2019.la).toBeNull();
    expect(reviews2019.rank).toBeNull();
    const sixWeeks2019 = measure('881', 2019, 'decisions-within-6-weeks');
    expect(sixWeeks2019.la?.numerator).toMatchObject({ value: null, status: 'not-available' });
    expect(sixWeeks2019.la?.rate).toMatchObject({ value: null, status: 'not-available' });
    expect(sixWeeks2019.rank).toBeNull();
  });

  it('rank 1 as the best LA, and quartiles over the LAs with a figure', () => {
    const all = benchmarks.las().map((la) => measure(la.code, 2024, 'within-20-weeks-including-exceptions'));
    const ranked = all.filter((m) => m.rank !== null);
    const best = ranked.find((m) => m.rank?.position === 1);
    const top = Math.max(...ranked.map((m) => m.la?.rate?.value ?? -1));
    expect(best?.la?.rate?.value).toBe(top);
    expect(new Set(ranked.map((m) => m.rank?.quartile))).toEqual(new Set([1, 2, 3, 4]));
    const refusals = benchmarks.las().map((la) => measure(la.code, 2024, 'refusal-share'));
    const lowest = Math.min(...refusals.map((m) => m.la?.rate?.value ?? 101));
    expect(refusals.find((m) => m.rank?.position === 1)?.la?.rate?.value).toBe(lowest);
  });
});
