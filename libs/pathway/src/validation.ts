import { isIsoDate } from '#calendar';
import {
  ADVICE_FROM,
  APPEAL_GROUNDS,
  APPEAL_OUTCOMES,
  CEASE_REASONS,
  EXCEPTION_REASONS,
  ORDER_KINDS,
  PATHWAY_EVENT_TYPES,
  PHASES,
  PRIMARY_NEEDS,
  REQUEST_SOURCES,
  REVIEW_DECISIONS,
  type PathwayEvent,
  type PathwayEventType,
} from './events.js';

/**
 * The shape check at the edge: HTTP and Kafka ingestion run every incoming envelope through it before it becomes a
 * command. It checks every field of every event type and refuses unknown fields, so nothing that could identify a
 * child (a name, a full date of birth) slips into the store inside an unexpected field.
 */

export interface ShapeError {
  readonly path: string;
  readonly message: string;
}

export type ValidationResult = { ok: true; event: PathwayEvent } | { ok: false; errors: ShapeError[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^[A-Za-z0-9._-]{1,64}$/;
const LA_CODE = /^\d{3}$/;
const BIRTH_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 200;

type Check = (value: unknown, path: string) => ShapeError[];

interface Field {
  readonly required: boolean;
  readonly check: Check;
}

const ok: ShapeError[] = [];

function fail(path: string, message: string): ShapeError[] {
  return [{ path, message }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Facts dated before this are refused as a shape error (no EHCP predates the 2014 Act by decades). */
export const EARLIEST_FACT_DATE = '1990-01-01';
const LATEST_SHAPE_DATE = '2100-12-31';

const isoDate: Check = (v, path) =>
  !isIsoDate(v)
    ? fail(path, 'must be a real calendar date in the form YYYY-MM-DD')
    : v < EARLIEST_FACT_DATE || v > LATEST_SHAPE_DATE
      ? fail(path, `must fall from ${EARLIEST_FACT_DATE} to ${LATEST_SHAPE_DATE}`)
      : ok;

const text: Check = (v, path) =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_TEXT
    ? ok
    : fail(path, `must be a non-empty string of at most ${MAX_TEXT} characters`);

const reference: Check = (v, path) =>
  typeof v === 'string' && REFERENCE.test(v)
    ? ok
    : fail(path, 'must be 1-64 characters of A-Z, a-z, 0-9, ".", "_", "-"');

const laCode: Check = (v, path) =>
  typeof v === 'string' && LA_CODE.test(v) ? ok : fail(path, 'must be a three-digit DfE LA code');

const uuid: Check = (v, path) => (typeof v === 'string' && UUID.test(v) ? ok : fail(path, 'must be a UUID'));

const birthMonth: Check = (v, path) => {
  const match = typeof v === 'string' ? BIRTH_MONTH.exec(v) : null;
  return match && Number(match[1]) >= 1900 ? ok : fail(path, 'must be a birth month in the form YYYY-MM');
};

function oneOf(values: readonly (string | number)[]): Check {
  return (v, path) =>
    (typeof v === 'string' || typeof v === 'number') && values.includes(v)
      ? ok
      : fail(path, `must be one of ${values.join(', ')}`);
}

function integerIn(min: number, max: number): Check {
  return (v, path) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? ok
      : fail(path, `must be a whole number from ${min} to ${max}`);
}

function object(fields: Readonly<Record<string, Field>>): Check {
  return (v, path) => {
    if (!isRecord(v)) return fail(path, 'must be an object');
    const errors: ShapeError[] = [];
    for (const [name, field] of Object.entries(fields)) {
      // Own properties only: `toString`, `constructor` or `__proto__` are never read from the prototype.
      const value = Object.hasOwn(v, name) ? v[name] : undefined;
      if (value === undefined) {
        if (field.required) errors.push({ path: `${path}.${name}`, message: 'is required' });
      } else {
        errors.push(...field.check(value, `${path}.${name}`));
      }
    }
    for (const name of Object.keys(v)) {
      if (!Object.hasOwn(fields, name))
        errors.push({ path: `${path}.${name}`, message: 'is not a field of this event' });
    }
    return errors;
  };
}

const orders: Check = (v, path) => {
  if (!Array.isArray(v)) return fail(path, 'must be an array of orders');
  const orderShape = object({ orderId: required(reference), kind: required(oneOf(ORDER_KINDS)) });
  const errors = v.flatMap((order, i) => orderShape(order, `${path}[${i}]`));
  const ids = v.map((order) => (isRecord(order) ? order.orderId : undefined));
  ids.forEach((id, i) => {
    if (id !== undefined && ids.indexOf(id) !== i) {
      errors.push({ path: `${path}[${i}].orderId`, message: 'repeats an orderId of this decision' });
    }
  });
  return errors;
};

const anyRecord: Check = (v, path) => (isRecord(v) ? ok : fail(path, 'must be an object'));

function required(check: Check): Field {
  return { required: true, check };
}

function optional(check: Check): Field {
  return { required: false, check };
}

const boolean: Check = (v, path) => (typeof v === 'boolean' ? ok : fail(path, 'must be true or false'));

const phaseTransferFields = object({
  toPhase: required(oneOf(PHASES)),
  transferYear: required(integerIn(2000, 2100)),
  fromPhase: optional(oneOf(PHASES)),
  transferOn: optional(isoDate),
});

/** A move from one post-16 institution to another is timed from its date (reg 18(2)), so it must carry one. */
const phaseTransfer: Check = (v, path) => {
  const errors = phaseTransferFields(v, path);
  if (errors.length > 0 || !isRecord(v)) return errors;
  if (v['fromPhase'] === 'post-16' && v['toPhase'] !== 'post-16') {
    return fail(`${path}.toPhase`, 'must be post-16 for a move from a post-16 institution');
  }
  if (v['fromPhase'] === 'post-16' && v['transferOn'] === undefined) {
    return fail(`${path}.transferOn`, 'is required for a move between post-16 institutions');
  }
  if (typeof v['transferOn'] === 'string' && Number(v['transferOn'].slice(0, 4)) !== v['transferYear']) {
    return fail(`${path}.transferOn`, 'must fall in transferYear');
  }
  return ok;
};

const CASE_ATTRIBUTES = {
  birthMonth: optional(birthMonth),
  primaryNeed: optional(oneOf(PRIMARY_NEEDS)),
  team: optional(text),
};

/** The fields of each event type's data. */
export const EVENT_DATA_FIELDS: Readonly<Record<PathwayEventType, Readonly<Record<string, Field>>>> = {
  AssessmentRequested: { ...CASE_ATTRIBUTES, requestSource: required(oneOf(REQUEST_SOURCES)) },
  AssessmentRequestWithdrawn: {},
  AssessmentDecisionMade: { decision: required(oneOf(['assess', 'refuse'])) },
  AdviceRequested: { adviceFrom: required(oneOf(ADVICE_FROM)) },
  AdviceReceived: { adviceFrom: required(oneOf(ADVICE_FROM)) },
  TimescaleExceptionApplied: {
    reason: required(oneOf(EXCEPTION_REASONS)),
    from: required(isoDate),
    to: required(isoDate),
  },
  PlanDecisionMade: { decision: required(oneOf(['issue', 'no-plan'])) },
  DraftPlanIssued: {},
  FinalPlanIssued: {},
  AnnualReviewMeetingHeld: {
    phaseTransfer: optional(phaseTransfer),
  },
  AnnualReviewDecisionNotified: { decision: required(oneOf(REVIEW_DECISIONS)) },
  AmendmentNoticeIssued: {},
  AmendedPlanIssued: {},
  PlanCeased: { reason: required(oneOf(CEASE_REASONS)) },
  PlanTransferredIn: { fromLa: required(laCode), lastReviewDate: optional(isoDate) },
  PlanTransferredOut: { toLa: optional(laCode) },
  PlanTransferNotified: { assessmentProposed: required(boolean) },
  MediationCertificateIssued: { decisionDate: required(isoDate) },
  TribunalAppealRegistered: {
    appealId: required(reference),
    against: required(oneOf(APPEAL_GROUNDS)),
    decisionDate: required(isoDate),
  },
  TribunalAppealWithdrawn: { appealId: required(reference) },
  TribunalAppealConceded: { appealId: required(reference) },
  TribunalAppealDecided: {
    appealId: required(reference),
    outcome: required(oneOf(APPEAL_OUTCOMES)),
    orders: required(orders),
  },
  TribunalOrderComplied: { appealId: required(reference), orderId: required(reference) },
  CaseDetailsUpdated: { ...CASE_ATTRIBUTES, requestSource: optional(oneOf(REQUEST_SOURCES)) },
  EventCorrected: { correctedEventId: required(uuid), occurredOn: optional(isoDate), data: optional(anyRecord) },
  EventRetracted: { retractedEventId: required(uuid), reason: required(text) },
};

/** The data fields of each type that hold dates. */
export const EVENT_DATE_FIELDS: Readonly<Partial<Record<PathwayEventType, readonly string[]>>> = {
  TimescaleExceptionApplied: ['from', 'to'],
  PlanTransferredIn: ['lastReviewDate'],
  MediationCertificateIssued: ['decisionDate'],
  TribunalAppealRegistered: ['decisionDate'],
  EventCorrected: ['occurredOn'],
};

function isEventType(value: unknown): value is PathwayEventType {
  return typeof value === 'string' && (PATHWAY_EVENT_TYPES as readonly string[]).includes(value);
}

/** Checks the data of an event of `type`; `path` prefixes the error paths. */
export function validateEventData(type: PathwayEventType, data: unknown, path = 'data'): ShapeError[] {
  return object(EVENT_DATA_FIELDS[type])(data, path);
}

const ENVELOPE = {
  eventId: required(uuid),
  caseId: required(reference),
  la: required(laCode),
  type: required((v, path) => (isEventType(v) ? ok : fail(path, 'is not a known pathway event type'))),
  occurredOn: required(isoDate),
  source: required(text),
  data: required(anyRecord),
  recordedAt: optional((v, path) =>
    typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v))
      ? ok
      : fail(path, 'must be an ISO 8601 instant with a time zone'),
  ),
} satisfies Record<keyof PathwayEvent, Field>;

/** Checks an incoming envelope; on success returns it typed as a PathwayEvent. */
export function validatePathwayEvent(input: unknown): ValidationResult {
  const unreadable = unreadableStrings(input, '');
  if (unreadable.length > 0) return { ok: false, errors: unreadable };
  const errors = object(ENVELOPE)(input, '$').map((e) => ({ ...e, path: e.path.replace(/^\$\./, '') }));
  if (errors.length > 0 || !isRecord(input) || !isEventType(input.type)) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ path: '$', message: 'must be an object' }] };
  }
  const dataErrors = validateEventData(input.type, input.data);
  if (dataErrors.length > 0) return { ok: false, errors: dataErrors };
  return { ok: true, event: input as unknown as PathwayEvent };
}

/** A NUL or a lone UTF-16 surrogate: text no case system means to send, which PostgreSQL's jsonb cannot hold. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNREADABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every key or string value anywhere in the input holding unreadable text, named by its path. */
function unreadableStrings(value: unknown, path: string, depth = 0): ShapeError[] {
  if (typeof value === 'string') {
    return UNREADABLE.test(value) ? fail(path || '$', 'holds a NUL character or a lone surrogate') : ok;
  }
  if (typeof value !== 'object' || value === null || depth > 8) return ok;
  const errors: ShapeError[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    if (UNREADABLE.test(key))
      errors.push({ path: innerPath, message: 'is a key holding a NUL character or a lone surrogate' });
    else errors.push(...unreadableStrings(inner, innerPath, depth + 1));
  }
  return errors;
}
