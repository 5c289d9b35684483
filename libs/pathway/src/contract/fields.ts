import { Type, type SchemaOptions, type TSchema, type TUnsafe } from '@sinclair/typebox';

/**
 * The field types the event schemas are built from. Each is a JSON Schema (OpenAPI 3.0 compatible: `enum` rather
 * than `const`) that validates and documents; `x-message` is the sentence a sender gets when the value is wrong.
 */

/** Facts dated before this are refused (no EHCP predates the 2014 Act by decades). */
export const EARLIEST_FACT_DATE = '1990-01-01';
/** Facts dated after this are refused. */
export const LATEST_FACT_DATE = '2100-12-31';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** A source's reference (a case, an appeal, an order): short, and never free text. */
export const REFERENCE_PATTERN = '^[A-Za-z0-9._-]{1,64}$';
export const LA_CODE_PATTERN = '^\\d{3}$';
/** Years 1990-2100: a date of the calendar outside them fails this (the `date` format checks it is a real day). */
const DATE_YEARS_PATTERN = '^(199\\d|20\\d\\d|2100)-';
const MAX_TEXT = 200;

/** One of a fixed list of strings or numbers, as a JSON Schema `enum` typed as the union of its values. */
export function OneOf<const V extends readonly (string | number)[]>(
  values: V,
  options: SchemaOptions = {},
): TUnsafe<V[number]> {
  const type = values.every((v) => typeof v === 'number') ? 'integer' : 'string';
  return Type.Unsafe<V[number]>({ ...options, type, enum: [...values] });
}

/** A calendar date, `YYYY-MM-DD`, that exists and falls from 1990-01-01 to 2100-12-31. */
export function FactDate(options: SchemaOptions = {}) {
  return Type.String({
    format: 'date',
    pattern: DATE_YEARS_PATTERN,
    'x-message': 'must be a real calendar date in the form YYYY-MM-DD',
    'x-range-message': `must fall from ${EARLIEST_FACT_DATE} to ${LATEST_FACT_DATE}`,
    example: '2024-01-08',
    ...options,
  });
}

/** A reference from the case system: 1-64 letters, digits, dots, dashes or underscores. */
export function Reference(options: SchemaOptions = {}) {
  return Type.String({
    pattern: REFERENCE_PATTERN,
    'x-message': 'must be 1-64 characters of A-Z, a-z, 0-9, ".", "_", "-"',
    ...options,
  });
}

export function LaCode(options: SchemaOptions = {}) {
  return Type.String({
    pattern: LA_CODE_PATTERN,
    'x-message': 'must be a three-digit DfE LA code',
    example: '202',
    ...options,
  });
}

export function Uuid(options: SchemaOptions = {}) {
  return Type.String({ format: 'uuid', pattern: UUID_PATTERN, 'x-message': 'must be a UUID', ...options });
}

/** A birth month, `YYYY-MM` (never a full date of birth). */
export function BirthMonth(options: SchemaOptions = {}) {
  return Type.String({
    pattern: '^(19\\d\\d|[2-9]\\d{3})-(0[1-9]|1[0-2])$',
    'x-message': 'must be a birth month in the form YYYY-MM',
    description: 'Birth month, YYYY-MM: never a full date of birth',
    example: '2015-03',
    ...options,
  });
}

/** Short text that is not blank. */
export function Text(options: SchemaOptions = {}) {
  return Type.String({
    minLength: 1,
    maxLength: MAX_TEXT,
    pattern: '\\S',
    'x-message': `must be a non-empty string of at most ${MAX_TEXT} characters`,
    ...options,
  });
}

export function WholeNumber(minimum: number, maximum: number, options: SchemaOptions = {}) {
  return Type.Integer({
    minimum,
    maximum,
    'x-message': `must be a whole number from ${minimum} to ${maximum}`,
    ...options,
  });
}

/** An object with exactly these fields: any other field is refused (nothing identifying slips in unseen). */
export function Fields<P extends Record<string, TSchema>>(properties: P, options: SchemaOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, 'x-message': 'must be an object', ...options });
}
