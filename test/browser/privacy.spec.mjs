// The admin's request to be forgotten on the staff page, in Debian's headless Chromium (playwright-core).
// Run by it.review.PrivacyPageIT, which seeds the mail and checks the database afterwards:
//   REVIEW_URL, REVIEW_ADMIN_USER, REVIEW_ADMIN_PASSWORD, PRIVACY_ADDRESS (the person's address),
//   PRIVACY_MAILS (how many mails name it), REVIEW_SHOTS (directory for screenshots).
// Prints PASS and exits 0, or prints FAIL: <reason> and exits 1.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const url = env('REVIEW_URL');
const address = env('PRIVACY_ADDRESS');
const mails = env('PRIVACY_MAILS');
const shots = process.env.REVIEW_SHOTS || 'target/browser';
mkdirSync(shots, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'privacy-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  locale: 'de-DE',
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = context.pages()[0] ?? await context.newPage();
const problems = [];
page.on('console', (m) => {
  // a refused request is answered 400 on purpose below; the browser logs that as a console error
  if (m.type() === 'error' && !m.text().includes('400')) problems.push('console: ' + m.text());
});
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('request', (r) => { if (!r.url().startsWith(url)) problems.push('remote request: ' + r.url()); });

const step = (what) => console.log('step: ' + what);
try {
  step('the admin logs in and opens the Datenschutz tab');
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.fill('#user', env('REVIEW_ADMIN_USER'));
  await page.fill('#password', env('REVIEW_ADMIN_PASSWORD'));
  await page.click('#login-form button[type=submit]');
  await page.locator('#app').waitFor({ state: 'visible' });
  await page.click('nav .tab[data-view=privacy]');
  await page.locator('#view-privacy').waitFor({ state: 'visible' });
  if (!(await page.locator('#pv-forget').isDisabled())) throw new Error('erasing is possible before a preview');

  step('an address the server refuses: its reason is shown, nothing can be erased');
  await page.fill('#pv-address', 'zwei@example.de, drei@example.de');
  await page.click('#privacy-form button[type=submit]');
  await page.locator('#message.error', { hasText: 'e-mail address' }).waitFor();
  if (!(await page.locator('#pv-forget').isDisabled())) throw new Error('erasing is possible after a refusal');

  step('the preview says what would go');
  await page.fill('#pv-address', address);
  await page.click('#privacy-form button[type=submit]');
  await page.locator('#pv-result', { hasText: `Gelöscht würden: ${mails} Mails` }).waitFor();
  await page.screenshot({ path: join(shots, 'privacy-preview.png'), fullPage: true });

  step('erase: what went, and the record without the address');
  await page.click('#pv-forget');
  await page.locator('#pv-result', { hasText: `Gelöscht: ${mails} Mails` }).waitFor();
  await page.locator('#erasures tbody tr', { hasText: env('REVIEW_ADMIN_USER') }).first().waitFor();
  const record = await page.locator('#erasures').textContent();
  if (record.toLowerCase().includes(address.toLowerCase())) throw new Error('the record shows the address');
  if ((await page.locator('#pv-address').inputValue()) !== '') throw new Error('the address stays in the form');
  await page.screenshot({ path: join(shots, 'privacy-done.png'), fullPage: true });

  if (problems.length) throw new Error(problems.join('; '));
  console.log('PASS');
} catch (e) {
  console.log('FAIL: ' + e.message + (problems.length ? ' (' + problems.join('; ') + ')' : ''));
  await page.screenshot({ path: join(shots, 'privacy-failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
