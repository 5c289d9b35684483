import type { Page } from 'playwright-core';

/**
 * Signs the dashboard in for a test. For now the page is given a token directly in sessionStorage (where the
 * dashboard keeps the access token after the OIDC code flow): its payload carries the `la` claim the dashboard
 * reads for display. Replace this one function by a sign-in through the issuer once the service has one.
 */
export async function signIn(page: Page, las: readonly string[] = ['202']): Promise<void> {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'browser-test', la: las })}.`;
  await page.addInitScript((value: string) => {
    // Runs in the page: its sessionStorage, typed here without the DOM library.
    const page = globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } };
    page.sessionStorage.setItem('ehcp.accessToken', value);
  }, token);
}
