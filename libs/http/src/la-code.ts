import { badRequest } from './problems.js';

/** A DfE local authority code: three digits (e.g. 202 Camden). Written once here for every route and CLI. */
export const LA_CODE = /^\d{3}$/;

export function isLaCode(value: unknown): value is string {
  return typeof value === 'string' && LA_CODE.test(value);
}

/** The `{la}` of a URL, or a 400 problem. */
export function parseLaParam(la: string): string {
  if (!LA_CODE.test(la)) throw badRequest('The LA in the URL must be a DfE three-digit LA code, e.g. 202');
  return la;
}
