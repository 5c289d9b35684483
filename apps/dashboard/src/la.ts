import { accessToken, tokenLas } from './auth/token.js';

const LA_KEY = 'ehcp.la';

/** The LA being looked at: the one picked in this tab, else the token's first LA, else 202. */
export function currentLa(): string {
  return sessionStorage.getItem(LA_KEY) ?? tokenLas(accessToken())[0] ?? '202';
}

export function chooseLa(la: string): void {
  sessionStorage.setItem(LA_KEY, la);
}

export function laPath(la: string): string {
  return `/api/v1/las/${encodeURIComponent(la)}`;
}
