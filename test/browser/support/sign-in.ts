import type { Page } from 'playwright-core';
import { LocalAccounts } from '#http';

/**
 * Signs the dashboard in as a person would: a local account of the built-in issuer, its sign-in form, and back to
 * the dashboard by the authorization-code flow with PKCE.
 */
export async function signIn(
  page: Page,
  base: string,
  dataDir: string,
  las: readonly string[] = ['202'],
): Promise<void> {
  const password = 'browser test password 1';
  await new LocalAccounts(dataDir).addUser('browser-test', password, ['manager'], las);
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill('browser-test');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === new URL(base).origin && !url.search.includes('code='));
}
