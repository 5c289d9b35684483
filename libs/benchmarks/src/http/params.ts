import { LA_CODE } from '#http';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { PublishedBenchmarks } from '../published-benchmarks.js';

/** A DfE LA code: malformed is a 400, well-formed but not in the DfE's figures a 404. */
export function parseKnownLa(benchmarks: PublishedBenchmarks, la: string): string {
  if (!LA_CODE.test(la)) throw new BadRequestException(`la must be a DfE three-digit LA code, got "${la}"`);
  if (!benchmarks.isKnownLa(la)) throw new NotFoundException(`no local authority has the DfE code ${la}`);
  return la;
}

/** `year`: a calendar year with published figures, default the latest. */
export function parseYear(benchmarks: PublishedBenchmarks, raw: Readonly<Record<string, unknown>>): number {
  const unknown = Object.keys(raw).filter((key) => key !== 'year');
  if (unknown.length > 0) throw new BadRequestException(`unknown query parameter: ${unknown.join(', ')}`);
  const value = raw['year'];
  if (value === undefined) return benchmarks.latestYear;
  const years = benchmarks.years;
  if (typeof value !== 'string' || !/^\d{4}$/.test(value) || !years.includes(Number(value))) {
    throw new BadRequestException(`year must be one of ${years.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}
