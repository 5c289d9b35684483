import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  appendEvents,
  createReadModelTestBed,
  sleep,
  type ReadModelTestBed,
} from '../../../../projections/src/testing/testbed.js';
import { handWorkedLa } from '../../testing/hand-worked-la.js';
import { ProjectionsModule } from '#projections';
import { KpisModule } from '../kpis.module.js';
import { KPI_NAMES } from '../../kpi-service.js';
import { XLSX_TYPE } from './negotiate.js';

jest.setTimeout(120_000);

const LA = '903';
const PERIOD = 'from=2024-01-01&to=2024-12-31&groupBy=quarter';

type Row = Record<string, string | number | null>;

/** The figures a JSON KPI report holds, keyed as the export's columns are, for comparison with a parsed file. */
function jsonRows(report: any): Row[] {
  const rows: Row[] = [];
  for (const group of [...report.groups, report.total]) {
    const add = (value: string, figures: Record<string, any>) => {
      const row: Row = { period: group.period, breakdown: value };
      for (const m of report.measures) {
        row[`${m.name}_numerator`] = figures[m.name].numerator;
        row[`${m.name}_denominator`] = figures[m.name].denominator;
        row[`${m.name}_rate`] = figures[m.name].rate;
      }
      rows.push(row);
    };
    add('all', group.figures);
    for (const [value, figures] of Object.entries(group.breakdown ?? {})) add(value, figures as any);
  }
  return rows;
}

/** The same figures read back from parsed export rows (CSV cells are text: numbers and empty cells are restored). */
function exportRows(records: Array<Record<string, unknown>>, report: any): Row[] {
  const cell = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
  return records.map((r) => {
    const row: Row = { period: String(r['period']), breakdown: String(r['SENtype']) };
    for (const m of report.measures) {
      for (const part of ['numerator', 'denominator', 'rate']) {
        row[`${m.name}_${part}`] = cell(r[`${m.name}_${part}`]);
      }
    }
    return row;
  });
}

async function xlsxRecords(body: Buffer): Promise<Array<Record<string, unknown>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as any);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const records: Array<Record<string, unknown>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    records.push(Object.fromEntries(header.map((name, i) => [name, values[i] ?? null])));
  });
  return records;
}

describe('KPI and at-risk exports (CSV and XLSX) against the JSON answers', () => {
  let bed: ReadModelTestBed;
  let app: NestFastifyApplication;
  const health = new Map<string, () => Promise<Record<string, unknown>>>();

  const get = (url: string, accept?: string) =>
    app.inject({ method: 'GET', url, ...(accept === undefined ? {} : { headers: { accept } }) });

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_kpis_exports');
    const fixture = handWorkedLa(LA);
    await appendEvents(bed.store, [...fixture.initial, ...fixture.amendments, ...fixture.late]);
    const projections = ProjectionsModule.forRootAsync({
      useFactory: () => ({
        connectionString: bed.database.url,
        embedded: false,
        eventStore: bed.store,
        registerHealth: (name, check) => health.set(name, check),
      }),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [projections, KpisModule.forRootAsync({ imports: [projections] })],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const lag = await health.get('projections')!();
      if (lag['positionsBehind'] === '0') break;
      await sleep(100);
    }
  });

  afterAll(async () => {
    await app?.close();
    await bed?.close();
  });

  it.each([...KPI_NAMES])('%s: CSV and XLSX parse back to the JSON figures', async (kpi) => {
    const url = `/api/v1/las/${LA}/kpis/${kpi}?${PERIOD}&breakdown=primaryNeed`;
    const json = (await get(url)).json();
    const expected = jsonRows(json);
    expect(expected.length).toBeGreaterThan(4);

    const csv = await get(url, 'text/csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${LA}-${kpi}-2024-01-01-2024-12-31.csv"`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csvRecords = parse<Record<string, string>>(csv.rawPayload, { bom: true, columns: true });
    expect(csvRecords.every((r) => r['LA'] === LA && r['kpi'] === kpi)).toBe(true);
    expect(exportRows(csvRecords, json)).toEqual(expected);

    const xlsx = await get(`${url}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    expect(xlsx.headers['cache-control']).toBe('no-store');
    expect(exportRows(await xlsxRecords(xlsx.rawPayload), json)).toEqual(expected);
  });

  it('exports the tribunal appeal rates beside its figures', async () => {
    const url = `/api/v1/las/${LA}/kpis/tribunal?from=2024-01-01&to=2024-12-31&groupBy=year`;
    const json = (await get(url)).json();
    const csv = await get(`${url}&format=csv`);
    const records = parse<Record<string, string>>(csv.rawPayload, { bom: true, columns: true });
    const total = records.find((r) => r['period'] === 'total')!;
    const rate = json.rates.find((r: { period: string }) => r.period === 'total');
    expect(total['dfe2024Rate']).toBe(rate.dfe2024Rate === null ? '' : String(rate.dfe2024Rate));
  });

  it('exports the whole filtered at-risk list, a row per obligation, not one page', async () => {
    const url = `/api/v1/las/${LA}/at-risk?withinDays=366`;
    const json = (await get(url)).json();
    expect(json.total).toBeGreaterThan(1);
    const page = (await get(`${url}&limit=1`)).json();
    expect(page.items).toHaveLength(1);
    const csv = await get(`${url}&limit=1&format=csv`);
    expect(csv.headers['cache-control']).toBe('no-store');
    const records = parse<Record<string, string>>(csv.rawPayload, { bom: true, columns: true });
    expect(records.map((r) => [r['caseId'], r['deadline'], Number(r['daysLeft']), r['action']])).toEqual(
      json.items.map((c: any) => [c.caseId, c.deadline, c.daysLeft, c.action]),
    );
    const xlsx = await xlsxRecords((await get(`${url}&limit=1`, XLSX_TYPE)).rawPayload);
    expect(xlsx.map((r) => r['caseId'])).toEqual(json.items.map((c: any) => c.caseId));
  });

  it('keeps JSON the default and refuses an unknown format with a 400', async () => {
    const json = await get(`/api/v1/las/${LA}/kpis/caseload?${PERIOD}`, 'application/json, text/csv;q=0.5');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect((await get(`/api/v1/las/${LA}/kpis/caseload?${PERIOD}&format=pdf`)).statusCode).toBe(400);
  });
});
