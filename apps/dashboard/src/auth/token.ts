const TOKEN_KEY = 'ehcp.accessToken';

/** The access token of this browser tab (sessionStorage: gone when the tab closes). */
export function accessToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeAccessToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetAccessToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The LA codes of the token's `la` claim, read for display only (the API checks the token itself). */
export function tokenLas(token: string | null): string[] {
  const payload = token?.split('.')[1];
  if (payload === undefined) return [];
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { las?: unknown; la?: unknown };
    const las = claims.las ?? claims.la;
    return Array.isArray(las) ? las.filter((la): la is string => typeof la === 'string') : [];
  } catch {
    return [];
  }
}
