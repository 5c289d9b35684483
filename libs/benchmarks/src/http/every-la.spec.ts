import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { readRecords, readRows } from '../testing/independent-csv.js';
import { BenchmarksModule } from './benchmarks.module.js';

/** What each measure is, restated from the DfE data guidance (not taken from the library). */
const DFE_MEASURES: Record<string, { file: string; num: string[]; den?: string[]; rate?: string; census?: true }> = {
  'requests-received': { file: 'requests.csv', num: ['requests_received_in_year'] },
  'refusal-share': {
    file: 'requests.csv',
    num: ['requests_decided_not_to_assess'],
    den: ['requests_received_in_year'],
    rate: 'request_not_assess_pc',
  },
  'decisions-within-6-weeks': {
    file: 'requests.csv',
    num: ['request_outcome_six_weeks'],
    den: ['request_outcome_six_weeks', 'request_outcome_over_6_weeks'],
    rate: 'request_outcome_six_weeks_pc',
  },
  'new-plans': { file: 'newplans.csv', num: ['new_ehc_plans'] },
  'within-20-weeks-including-exceptions': {
    file: 'timeliness_20_week.csv',
    num: ['plans_issued_within_20_weeks'],
    den: ['plans_issued_den'],
    rate: 'pc_plans_issued_within_20_weeks',
  },
  'within-20-weeks-excluding-exceptions': {
    file: 'timeliness_20_week.csv',
    num: ['plans_issued_20_weeks_ex'],
    den: ['plans_issued_den_ex'],
    rate: 'PC_plans_issued_20_weeks_ex',
  },
  'plans-in-january': { file: 'caseload.csv', num: ['ehcplans'], census: true },
  'annual-reviews-held': { file: 'annual_reviews.csv', num: ['total_review_meeting'], den: ['review_expected'] },
  'review-decisions-within-4-weeks': {
    file: 'annual_reviews.csv',
    num: ['number_decsion_4weeks'],
    den: ['number_decsion_4weeks', 'number_decision_gt_4weeks'],
    rate: 'pc_decsion_4weeks',
  },
  'placement-mainstream': {
    file: 'caseload.csv',
    num: ['mainstream_total'],
    den: ['ehcplans'],
    rate: 'mainstream_total_pc',
    census: true,
  },
  'placement-special': {
    file: 'caseload.csv',
    num: ['special_total'],
    den: ['ehcplans'],
    rate: 'special_total_pc',
    census: true,
  },
  'placement-independent-or-non-maintained-special': {
    file: 'caseload.csv',
    num: ['special_independent', 'special_non_maintained'],
    den: ['ehcplans'],
    census: true,
  },
  'placement-alternative-provision': {
    file: 'caseload.csv',
    num: ['ap_pru_total'],
    den: ['ehcplans'],
    rate: 'AP_PRU_total_pc',
    census: true,
  },
  'placement-further-education': {
    file: 'caseload.csv',
    num: ['fe_total'],
    den: ['ehcplans'],
    rate: 'fe_total_pc',
    census: true,
  },
};
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const STATUS: Record<string, string> = { x: 'not-available', c: 'suppressed', z: 'not-applicable' };

type Expected = { value: number | null; status: string };

function expectedCell(raw: string): Expected {
  const status = STATUS[raw];
  return status ? { value: null, status } : { value: Number(raw), status: 'published' };
}

function expectedSum(raws: string[]): Expected {
  if (raws.length === 1) return expectedCell(raws[0]!);
  const missing = raws.find((raw) => STATUS[raw] !== undefined);
  if (missing !== undefined) return { value: null, status: STATUS[missing]! };
  return { value: raws.reduce((sum, raw) => sum + Number(raw), 0), status: 'computed' };
}

function expectedRate(num: Expected, den: Expected): Expected {
  if (num.value === null) return { value: null, status: num.status };
  if (den.value === null) return { value: null, status: den.status };
  if (den.value === 0) return { value: null, status: 'not-applicable' };
  return { value: Math.round((num.value * 1000) / den.value) / 10, status: 'computed' };
}

const records = new Map<string, Array<Record<string, string>>>();
function rowsOf(file: string): Array<Record<string, string>> {
  if (!records.has(file)) records.set(file, readRecords(file));
  return records.get(file)!;
}

function dfeRow(file: string, period: string, level: string, code: string): Record<string, string> | undefined {
  return rowsOf(file).find(
    (row) =>
      row['time_period'] === period &&
      row['geographic_level'] === level &&
      (level === 'National' || (level === 'Regional' ? row['region_code'] : row['old_la_code']) === code),
  );
}

function expectedDfe(name: string, year: number, level: string, code: string) {
  const spec = DFE_MEASURES[name]!;
  const period = spec.census ? `${year}${String(year + 1).slice(2)}` : String(year);
  const row = dfeRow(spec.file, period, level, code);
  if (row === undefined) return null;
  const numerator = expectedSum(spec.num.map((column) => row[column]!));
  if (spec.den === undefined) return { numerator, denominator: null, rate: null };
  const denominator = expectedSum(spec.den.map((column) => row[column]!));
  const rate = spec.rate === undefined ? expectedRate(numerator, denominator) : expectedCell(row[spec.rate]!);
  return { numerator, denominator, rate };
}

/** The appeal-rate table: each LA row's (appeals, decisions, rate) text under each year's heading. */
function tribunalFigures(): Map<string, Map<number, Expected[]>> {
  const rows = readRows('tribunal-appeal-rate-2014-2024.csv');
  const header = rows.find((row) => row[0] === 'Local Authority')!;
  const byCode = new Map<string, Map<number, Expected[]>>();
  const parse = (raw: string): Expected => {
    const text = raw.trim();
    if (text === '-') return { value: 0, status: 'published' };
    if (text === '~') return { value: null, status: 'suppressed' };
    if (text === '' || text === 'x' || text === '..') return { value: null, status: 'not-available' };
    return { value: Number(text.replace(/[,%]/g, '')), status: 'published' };
  };
  for (const row of rows) {
    const code = row[0]!.startsWith('England Total') ? 'england' : (row[1] ?? '').trim();
    if (code !== 'england' && !/^\d{3}$/.test(code)) continue;
    const years = new Map<number, Expected[]>();
    for (const year of YEARS) {
      const at = header.indexOf(String(year));
      years.set(year, [parse(row[at]!), parse(row[at + 1]!), parse(row[at + 2]!)]);
    }
    byCode.set(code, years);
  }
  return byCode;
}

function plain(figure: any) {
  if (figure === null) return null;
  const cell = (c: any) => (c === null ? null : { value: c.value, status: c.status });
  return { numerator: cell(figure.numerator), denominator: cell(figure.denominator), rate: cell(figure.rate) };
}

let app: NestFastifyApplication;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [BenchmarksModule] }).compile();
  app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app.close();
});

describe('every LA, measure and year served against the CSV files', () => {
  it('lists exactly the LAs of the DfE files', async () => {
    const served = (await app.inject({ method: 'GET', url: '/api/v1/las' })).json().las.map((la: any) => la.code);
    const inFiles = new Set<string>();
    for (const file of new Set(Object.values(DFE_MEASURES).map((spec) => spec.file))) {
      for (const row of rowsOf(file))
        if (row['geographic_level'] === 'Local authority') inFiles.add(row['old_la_code']!);
    }
    expect([...served].sort()).toEqual([...inFiles].sort());
  });

  it('serves each published figure of every LA, its region and England, exactly', async () => {
    const las = (await app.inject({ method: 'GET', url: '/api/v1/las' })).json().las;
    const tribunal = tribunalFigures();
    let compared = 0;
    for (const year of YEARS) {
      for (const la of las) {
        const response = await app.inject({ method: 'GET', url: `/api/v1/las/${la.code}/benchmarks?year=${year}` });
        expect(response.statusCode).toBe(200);
        const served = new Map<string, any>(response.json().measures.map((m: any) => [m.measure, m]));
        expect([...served.keys()].sort()).toEqual([...Object.keys(DFE_MEASURES), 'tribunal-appeal-rate'].sort());
        for (const name of Object.keys(DFE_MEASURES)) {
          const measure = served.get(name);
          const context = `${la.code} ${year} ${name}`;
          expect([context, plain(measure.la)]).toEqual([context, expectedDfe(name, year, 'Local authority', la.code)]);
          expect([context, plain(measure.region)]).toEqual([
            context,
            expectedDfe(name, year, 'Regional', la.region.code),
          ]);
          expect([context, plain(measure.england)]).toEqual([context, expectedDfe(name, year, 'National', '')]);
          compared += 1;
        }
        const appeals = served.get('tribunal-appeal-rate');
        const own = tribunal.get(la.code)?.get(year);
        const england = tribunal.get('england')!.get(year)!;
        const context = `${la.code} ${year} tribunal`;
        expect([context, plain(appeals.la)]).toEqual([
          context,
          own === undefined ? null : { numerator: own[0], denominator: own[1], rate: own[2] },
        ]);
        expect(plain(appeals.england)).toEqual({ numerator: england[0], denominator: england[1], rate: england[2] });
        expect(appeals.region).toBeNull();
      }
    }
    expect(compared).toBeGreaterThan(150 * 6 * 14);
  });
});
