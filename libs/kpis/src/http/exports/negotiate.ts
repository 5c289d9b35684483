import { BadRequestException } from '@nestjs/common';

export type ExportFormat = 'json' | 'csv' | 'xlsx';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const BY_TYPE: Readonly<Record<string, ExportFormat>> = {
  'application/json': 'json',
  'application/*': 'json',
  '*/*': 'json',
  [CSV_TYPE]: 'csv',
  'text/*': 'csv',
  [XLSX_TYPE]: 'xlsx',
};

/**
 * The format of an answer: `format=json|csv|xlsx` wins; otherwise the Accept type with the highest quality among
 * JSON, CSV and XLSX (the first listed on a tie); otherwise JSON.
 */
export function chooseFormat(format: unknown, accept: string | undefined): ExportFormat {
  if (format !== undefined) {
    if (format === 'json' || format === 'csv' || format === 'xlsx') return format;
    throw new BadRequestException(
      `format must be one of json, csv, xlsx, got "${typeof format === 'string' ? format : JSON.stringify(format)}"`,
    );
  }
  if (accept === undefined || accept === '') return 'json';
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q === undefined ? 1 : Number(q.slice(2)), index };
    })
    .filter((entry) => BY_TYPE[entry.type] !== undefined && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0] === undefined ? 'json' : (BY_TYPE[ranked[0].type] ?? 'json');
}
