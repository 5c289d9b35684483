import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  ADVICE_FROM,
  APPEAL_GROUNDS,
  APPEAL_OUTCOMES,
  CEASE_REASONS,
  EXCEPTION_REASONS,
  ORDER_KINDS,
  PHASES,
  PLACEMENT_AREAS,
  PLACEMENT_SETTINGS,
  PRIMARY_NEEDS,
  REQUEST_SOURCES,
  REVIEW_DECISIONS,
  type IsoDate as IsoDateValue,
  type PathwayEventType,
} from '../events.js';
import { BirthMonth, FactDate, Fields, LaCode, OneOf, Reference, Text, Uuid, WholeNumber } from './fields.js';

/**
 * The published contract: one entry per event type, with the schema of its `data`, a sentence saying what the
 * fact records, and a realistic example (a pseudonymous case, a birth month, no names). Validation at the edge,
 * the OpenAPI document, the JSON Schema files and the AsyncAPI document are all made from these entries, so adding
 * an event type to the contract is one entry here.
 */
export interface EventContract<S extends TSchema = TSchema> {
  readonly summary: string;
  readonly data: S;
  readonly example: { readonly occurredOn: IsoDateValue; readonly data: Static<S> };
}

const caseAttributes = {
  birthMonth: Type.Optional(BirthMonth()),
  primaryNeed: Type.Optional(OneOf(PRIMARY_NEEDS, { description: 'SEN2 primary type of need' })),
  team: Type.Optional(Text({ description: "The LA's team holding the case", example: 'North' })),
};

const appealId = Reference({ description: "The tribunal's appeal reference", example: 'SE202-24-0117' });
const order = Fields({
  orderId: Reference({ description: 'The order, unique within the decision', example: 'O1' }),
  kind: OneOf(ORDER_KINDS, { description: 'What the tribunal ordered (reg 44 sets its deadline)' }),
});

function entry<S extends TSchema>(
  summary: string,
  data: S,
  occurredOn: IsoDateValue,
  example: Static<S>,
): EventContract<S> {
  return { summary, data, example: { occurredOn, data: example } };
}

const nothing = Fields({});

export const EVENT_CONTRACTS = {
  AssessmentRequested: entry(
    'A request for an EHC needs assessment was received (day 0 of the 20 weeks, SEND Regs 2014 reg 3).',
    Fields({ ...caseAttributes, requestSource: OneOf(REQUEST_SOURCES, { description: 'Who asked (SEN2)' }) }),
    '2024-01-08',
    { requestSource: 'school', birthMonth: '2015-03', primaryNeed: 'ASD', team: 'North' },
  ),
  AssessmentRequestWithdrawn: entry('The request was withdrawn before a decision.', nothing, '2024-01-20', {}),
  AssessmentDecisionMade: entry(
    'The LA decided whether to assess (due within 6 weeks, reg 5(1)).',
    Fields({ decision: OneOf(['assess', 'refuse'] as const) }),
    '2024-02-12',
    { decision: 'assess' },
  ),
  AdviceRequested: entry(
    'Advice for the assessment was requested (reg 6).',
    Fields({ adviceFrom: OneOf(ADVICE_FROM) }),
    '2024-02-14',
    { adviceFrom: 'educational-psychologist' },
  ),
  AdviceReceived: entry(
    'Advice for the assessment was received (due within 6 weeks of the request for it, reg 8).',
    Fields({ adviceFrom: OneOf(ADVICE_FROM) }),
    '2024-03-20',
    { adviceFrom: 'educational-psychologist' },
  ),
  TimescaleExceptionApplied: entry(
    'An exception of reg 10(4) applied to the 20 weeks for a period.',
    Fields({
      reason: OneOf(EXCEPTION_REASONS, { description: 'reg 10(4)(a)-(d)' }),
      from: FactDate({ description: 'First day of the exception' }),
      to: FactDate({ description: 'Last day of the exception' }),
    }),
    '2024-03-01',
    { reason: 'school-closure', from: '2024-07-22', to: '2024-09-03' },
  ),
  PlanDecisionMade: entry(
    'The LA decided whether to issue a plan (a no-plan notice is due within 16 weeks, reg 10(1)).',
    Fields({ decision: OneOf(['issue', 'no-plan'] as const) }),
    '2024-04-15',
    { decision: 'issue' },
  ),
  DraftPlanIssued: entry(
    'The draft plan was sent (at least 15 days for representations, reg 13(1)).',
    nothing,
    '2024-04-22',
    {},
  ),
  FinalPlanIssued: entry('The final plan was issued (due within 20 weeks, reg 13(2)).', nothing, '2024-05-20', {}),
  AnnualReviewMeetingHeld: entry(
    'An annual review meeting was held (due within 12 months, CFA 2014 s.44); with a phase transfer when one is next.',
    Fields({
      phaseTransfer: Type.Optional(
        Fields(
          {
            toPhase: OneOf(PHASES),
            transferYear: WholeNumber(2000, 2100, { description: 'The year of the transfer (reg 18)' }),
            fromPhase: Type.Optional(OneOf(PHASES, { description: 'The phase the child or young person leaves' })),
            transferOn: Type.Optional(
              FactDate({ description: 'The day of the move; required between post-16 institutions (reg 18(2))' }),
            ),
          },
          {
            // A move from one post-16 institution to another is timed from its date (reg 18(2)), so it must carry one.
            if: { properties: { fromPhase: { enum: ['post-16'] } }, required: ['fromPhase'] },
            then: {
              required: ['transferOn'],
              properties: {
                toPhase: { enum: ['post-16'], 'x-message': 'must be post-16 for a move from post-16' },
                transferOn: {},
              },
            },
          },
        ),
      ),
    }),
    '2025-05-12',
    { phaseTransfer: { toPhase: 'secondary', transferYear: 2026 } },
  ),
  AnnualReviewDecisionNotified: entry(
    'The decision after a review meeting was notified (due within 4 weeks, reg 20(10)).',
    Fields({ decision: OneOf(REVIEW_DECISIONS) }),
    '2025-06-02',
    { decision: 'amend' },
  ),
  AmendmentNoticeIssued: entry('A notice of proposed amendments was issued (reg 22).', nothing, '2025-06-02', {}),
  AmendedPlanIssued: entry(
    'The amended plan was issued (within 8 weeks of the notice, reg 22).',
    nothing,
    '2025-07-21',
    {},
  ),
  PlanCeased: entry(
    'The plan ceased.',
    Fields({
      reason: OneOf(CEASE_REASONS, {
        description:
          'SEN2 reason: 1 max age, 2 needs met without a plan, 3 higher education, 4 employment, 5 transferred to another LA, 6 no longer engaging, 7 moved out of England, 8 deceased, 9 other',
      }),
    }),
    '2026-07-31',
    { reason: 2 },
  ),
  PlanTransferredIn: entry(
    'A plan was transferred in from another LA (reg 15: notify within 6 weeks, review by the later of 12 months from the last review and 3 months from the transfer).',
    Fields({
      fromLa: LaCode({ description: 'The LA the plan came from', example: '203' }),
      lastReviewDate: Type.Optional(FactDate({ description: "The plan's last review under the old LA" })),
    }),
    '2024-09-02',
    { fromLa: '203', lastReviewDate: '2024-03-11' },
  ),
  PlanTransferredOut: entry(
    'The plan was transferred to another LA.',
    Fields({ toLa: Type.Optional(LaCode({ description: 'The LA the plan went to', example: '203' })) }),
    '2024-09-02',
    { toLa: '203' },
  ),
  PlanTransferNotified: entry(
    'The new LA told the family that the transferred-in plan is now its own, whether it will assess, and when it will review (within 6 weeks of the transfer, reg 15(4)).',
    Fields({
      assessmentProposed: Type.Boolean({
        description: 'Whether the LA proposes a new EHC needs assessment',
        'x-message': 'must be true or false',
      }),
    }),
    '2024-10-07',
    { assessmentProposed: false },
  ),
  MediationCertificateIssued: entry(
    'A mediation certificate was issued (the appeal window runs to at least 1 month after it, HESC r.20).',
    Fields({ decisionDate: FactDate({ description: 'The date of the decision it concerns' }) }),
    '2024-03-18',
    { decisionDate: '2024-02-12' },
  ),
  TribunalAppealRegistered: entry(
    'An appeal to the First-tier Tribunal (SEND) was registered.',
    Fields({
      appealId,
      against: OneOf(APPEAL_GROUNDS, { description: 'The decision appealed' }),
      decisionDate: FactDate({ description: 'The date of the decision appealed' }),
    }),
    '2024-07-01',
    { appealId: 'SE202-24-0117', against: 'plan-contents', decisionDate: '2024-05-20' },
  ),
  TribunalAppealWithdrawn: entry('The appellant withdrew the appeal.', Fields({ appealId }), '2024-09-09', {
    appealId: 'SE202-24-0117',
  }),
  TribunalAppealConceded: entry('The LA conceded the appeal.', Fields({ appealId }), '2024-09-09', {
    appealId: 'SE202-24-0117',
  }),
  TribunalAppealDecided: entry(
    'The tribunal decided the appeal, with its orders (each orderId once).',
    Fields({
      appealId,
      outcome: OneOf(APPEAL_OUTCOMES),
      orders: Type.Array(order, {
        description: 'The orders made; each orderId appears once',
        'x-unique-by': 'orderId',
        'x-message': 'must be an array of orders',
      }),
    }),
    '2024-11-18',
    { appealId: 'SE202-24-0117', outcome: 'appellant-favour', orders: [{ orderId: 'O1', kind: 'amend' }] },
  ),
  TribunalOrderComplied: entry(
    'The LA did what a tribunal order required, where no other fact records it (reg 44).',
    Fields({ appealId, orderId: Reference({ description: 'The order complied with', example: 'O1' }) }),
    '2024-12-16',
    { appealId: 'SE202-24-0117', orderId: 'O1' },
  ),
  CaseDetailsUpdated: entry(
    'Attributes used for breakdowns changed (none identifies a child).',
    Fields({ ...caseAttributes, requestSource: Type.Optional(OneOf(REQUEST_SOURCES)) }),
    '2024-02-01',
    { primaryNeed: 'SLCN', team: 'East' },
  ),
  PlacementRecorded: entry(
    "The plan's placement from this date until the next placement or the plan's end (SEN2 placement module).",
    Fields({
      setting: OneOf(PLACEMENT_SETTINGS, {
        description: 'The setting type, as the DfE publishes the January caseload',
      }),
      area: OneOf(PLACEMENT_AREAS, { description: "Whether the setting is in the LA's own area or another LA's" }),
    }),
    '2024-09-04',
    { setting: 'mainstream-academy-resourced-provision', area: 'in-area' },
  ),
  EventCorrected: entry(
    'Corrects a wrongly entered fact: a new business date and/or replacement data fields. History keeps both.',
    Fields({
      correctedEventId: Uuid({ description: 'The fact corrected', example: '0b6f3c1e-2a7d-4c1e-9f6a-3d2b1c0a9e8f' }),
      occurredOn: Type.Optional(FactDate({ description: 'The corrected business date' })),
      data: Type.Optional(
        Type.Unsafe<Readonly<Record<string, unknown>>>({
          type: 'object',
          additionalProperties: true,
          description: "Replacement fields of the corrected fact's data, checked against its type's schema",
          'x-message': 'must be an object',
        }),
      ),
    }),
    '2024-01-15',
    { correctedEventId: '0b6f3c1e-2a7d-4c1e-9f6a-3d2b1c0a9e8f', occurredOn: '2024-01-05' },
  ),
  EventRetracted: entry(
    'Retracts a fact recorded in error. History keeps both.',
    Fields({
      retractedEventId: Uuid({ description: 'The fact retracted', example: '0b6f3c1e-2a7d-4c1e-9f6a-3d2b1c0a9e8f' }),
      reason: Text({ description: 'Why, in a few words (no names)', example: 'entered on the wrong case' }),
    }),
    '2024-01-15',
    { retractedEventId: '0b6f3c1e-2a7d-4c1e-9f6a-3d2b1c0a9e8f', reason: 'entered on the wrong case' },
  ),
} satisfies { readonly [T in PathwayEventType]: EventContract };

/** The TypeScript data type each schema validates; checked against the domain's EventDataByType in the tests. */
export type SchemaDataByType = { [T in keyof typeof EVENT_CONTRACTS]: Static<(typeof EVENT_CONTRACTS)[T]['data']> };

/** The contract of an event type, or undefined for a type the contract does not (yet) describe. */
export function contractOf(type: string): EventContract | undefined {
  return Object.hasOwn(EVENT_CONTRACTS, type) ? (EVENT_CONTRACTS as Record<string, EventContract>)[type] : undefined;
}
