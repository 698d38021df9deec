// The staff page in Debian's headless Chromium (driven by playwright-core; no downloaded browser).
// Run by it.review.ReviewPageIT, which seeds the mail and checks what was sent afterwards:
//   REVIEW_URL, REVIEW_ADMIN_USER and REVIEW_ADMIN_PASSWORD (the admin, who first adds the person
//   REVIEW_USER with REVIEW_PASSWORD on the People tab), REVIEW_SUBJECT (an urgent mail with a draft),
//   REVIEW_ANSWERED_SUBJECT (an emergency answered automatically), REVIEW_SUSPICIOUS_SUBJECT (a draft
//   flagged suspicious), REVIEW_TEXT (the text to approve), REVIEW_SHOTS (directory for screenshots),
//   REVIEW_FILE (the name of a clean attachment of REVIEW_SUBJECT's mail, which also has an infected one),
//   REVIEW_FILE_TEXT (its content), REVIEW_SEARCH (words in another spelling that find REVIEW_SUBJECT),
//   REVIEW_FREE_SUBJECT (a mail without any reply, its last word unique), REVIEW_FREE_SENDER (its sender),
//   REVIEW_FREE_TEXT (what the person adds to the template they insert into their own reply).
// Prints PASS and exits 0, or prints FAIL: <reason> and exits 1.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const url = env('REVIEW_URL');
const subject = env('REVIEW_SUBJECT');
const answeredSubject = env('REVIEW_ANSWERED_SUBJECT');
const suspiciousSubject = env('REVIEW_SUSPICIOUS_SUBJECT');
const text = env('REVIEW_TEXT');
const shots = process.env.REVIEW_SHOTS || 'target/browser';
mkdirSync(shots, { recursive: true });
rmSync(join(shots, 'failure.png'), { force: true });

const profile = mkdtempSync(join(tmpdir(), 'review-chromium-'));
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
page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
// nothing but the mailer itself may be asked for anything
page.on('request', (r) => { if (!r.url().startsWith(url)) problems.push('remote request: ' + r.url()); });

const step = (what) => console.log('step: ' + what);
try {
  step('open the page: the login form, in German (Accept-Language de-DE)');
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('#login').waitFor({ state: 'visible' });
  if ((await page.locator('#login h2').textContent()) !== 'Anmelden') throw new Error('not German by default');
  await page.screenshot({ path: join(shots, 'login.png') });

  const logIn = async (user, password) => {
    await page.fill('#user', user);
    await page.fill('#password', password);
    await page.click('#login-form button[type=submit]');
    await page.locator('#app').waitFor({ state: 'visible' });
    if ((await page.locator('#who').textContent()) !== user) throw new Error('the header does not name ' + user);
  };

  step('the admin logs in and adds the person on the People tab');
  await logIn(env('REVIEW_ADMIN_USER'), env('REVIEW_ADMIN_PASSWORD'));
  await page.click('nav .tab[data-view=people]');
  await page.fill('#p-name', env('REVIEW_USER'));
  await page.selectOption('#p-role', 'staff');
  await page.fill('#p-password', env('REVIEW_PASSWORD'));
  await page.click('#person-form button[type=submit]');
  await page.locator('#people tbody tr', { hasText: env('REVIEW_USER') }).waitFor();
  await page.screenshot({ path: join(shots, 'people.png'), fullPage: true });
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });

  step('the person logs in as themselves');
  await logIn(env('REVIEW_USER'), env('REVIEW_PASSWORD'));
  if (!(await page.locator('#tab-people').isHidden())) throw new Error('staff see the People tab');

  step('the first start\'s choice is stated above the inbox (initial-import none; a kept test database: renumbered)');
  const note = page.locator('#mailbox-note', { hasText: /Erster Start am|neu nummeriert/ });
  await note.waitFor({ state: 'visible' });
  if (!(await note.textContent()).includes('länger als 48 h')) throw new Error('no word on the reply age limit');

  step('the page opens on what needs attention: that group first, the counts of each group in the header');
  const row = page.locator('#mails tbody tr', { hasText: subject });
  await row.waitFor({ state: 'visible' });
  const groups = await page.locator('#mails tbody tr.group').evaluateAll((rows) => rows.map((r) => r.dataset.group));
  if (groups[0] !== 'attention') throw new Error('the list does not open on "needs attention": ' + groups);
  if ((await page.locator('#mails tbody tr.group').first().textContent()) !== 'Braucht Aufmerksamkeit') {
    throw new Error('the group is not named');
  }
  await page.locator('#counts').waitFor({ state: 'visible' });
  const counts = await page.evaluate(async () => (await fetch('/api/mails/counts', { credentials: 'same-origin' })).json());
  for (const [id, n] of [['n-attention', counts.attention], ['n-draft', counts.drafts], ['n-rest', counts.rest]]) {
    if ((await page.locator('#' + id).textContent()) !== String(n)) throw new Error(`header count ${id} is not ${n}`);
  }
  if (counts.attention < 2) throw new Error('the urgent mails are not counted: ' + JSON.stringify(counts));

  step('the urgent mail with its draft and the emergency answered automatically are both in that group, marked');
  const inGroup = async (text) => page.locator('#mails tbody tr', { hasText: text }).evaluate((tr) => {
    let r = tr.previousElementSibling;
    while (r && !r.classList.contains('group')) r = r.previousElementSibling;
    return r ? r.dataset.group : null;
  });
  if (await inGroup(subject) !== 'attention') throw new Error('the urgent mail is not in "needs attention"');
  if (!(await row.getAttribute('class')).includes('urgent')) throw new Error('the urgent mail is not marked');
  if ((await row.locator('.badge').textContent()) !== 'DRINGEND') throw new Error('no urgent badge');
  if (!(await row.textContent()).includes('nicht beantwortet')) throw new Error('not marked as not answered');
  const answered = page.locator('#mails tbody tr', { hasText: answeredSubject });
  if (await inGroup(answeredSubject) !== 'attention') throw new Error('the answered emergency is not in "needs attention"');
  if (!(await answered.textContent()).includes('automatisch beantwortet')) throw new Error('not marked as answered');
  await page.screenshot({ path: join(shots, 'inbox.png'), fullPage: true });

  step('open it: the mail is shown as text, its markup inert');
  await row.click();
  await page.locator('#view-mail').waitFor({ state: 'visible' });
  const body = await page.locator('#m-body').textContent();
  if (!body.includes('<script>')) throw new Error('the mail text is not shown as text: ' + body);
  if (await page.locator('#m-body *').count() !== 0) throw new Error('the mail text became elements');
  if ((await page.title()) === 'pwned') throw new Error('a script from the mail ran');
  if ((await page.locator('#d-kind').textContent()) !== 'KI-Entwurf') throw new Error('not shown as an AI draft');
  // the category by the name staff know from the mailbox's label, not the profile's id
  if ((await page.locator('#c-category').textContent()) !== 'Befunde') throw new Error('category not by its label name');
  if (await page.locator('#d-recipient').evaluate((e) => e.tagName) !== 'DD') throw new Error('the recipient is editable');

  step('its attachments: the clean one downloads as a file with its name, the infected one says why not');
  const link = page.locator('#m-attachments a');
  if (await link.count() !== 1) throw new Error('not exactly one download link');
  if (!(await page.locator('#m-attachments li').first().textContent()).match(/\(\d+ B\)/)) {
    throw new Error('no size shown');
  }
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  if (download.suggestedFilename() !== env('REVIEW_FILE')) throw new Error('saved as ' + download.suggestedFilename());
  if (readFileSync(await download.path(), 'utf8') !== env('REVIEW_FILE_TEXT')) throw new Error('not the file');
  const refused = page.locator('#m-attachments li.refused');
  if (!(await refused.textContent()).includes('infected')) throw new Error('no reason: ' + await refused.textContent());
  if (await refused.locator('a').count() !== 0) throw new Error('the infected file is offered');

  step('the conversation below the text holds the mail and our reply (the draft) with its state');
  await page.locator('#thread').waitFor({ state: 'visible' });
  const thread = page.locator('#m-thread li');
  if (await thread.count() !== 2) throw new Error('not the mail and its reply: ' + await thread.count());
  if (!(await page.locator('#m-thread li.out').textContent()).includes('Unsere Antwort (Entwurf wartet)')) {
    throw new Error('our reply is not in the conversation');
  }

  step('edit and approve the draft (the profile\'s templates are offered to insert into it)');
  await page.locator('#d-templates').waitFor({ state: 'visible' });
  if (await page.locator('#d-template option').count() < 2) throw new Error('no templates offered for the draft');
  await page.fill('#d-body', text);
  await page.screenshot({ path: join(shots, 'mail.png'), fullPage: true });
  await page.click('#approve');
  await page.locator('#view-inbox').waitFor({ state: 'visible' });
  await page.locator('#message', { hasText: 'Freigegeben' }).waitFor();

  step('it still needs attention, its draft no longer waits');
  await page.locator('#mails tbody tr', { hasText: subject }).filter({ hasNotText: 'Entwurf wartet' }).waitFor();
  if (await inGroup(subject) !== 'attention') throw new Error('the approved urgent mail left "needs attention"');
  await page.screenshot({ path: join(shots, 'approved.png'), fullPage: true });

  step('a suspicious draft: marked in the list, a warning with its reasons above the text');
  await page.selectOption('#f-status', 'DRAFT');
  const flagged = page.locator('#mails tbody tr', { hasText: suspiciousSubject });
  await flagged.waitFor({ state: 'visible' });
  if (!(await flagged.textContent()).includes('verdächtig')) throw new Error('not marked suspicious in the list');
  await flagged.click();
  await page.locator('#d-warning').waitFor({ state: 'visible' });
  const warning = await page.locator('#d-warning').textContent();
  if (!warning.includes('verdächtiger KI-Entwurf')) throw new Error('no clear warning: ' + warning);
  if (await page.locator('#d-reasons li').count() !== 3) throw new Error('not every reason is named');
  if (!warning.includes('Kopfzeilen')) throw new Error('the header finding is not named: ' + warning);
  const above = await page.evaluate(() => document.getElementById('d-warning')
    .compareDocumentPosition(document.getElementById('d-body')) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!above) throw new Error('the warning is not above the text');

  step('approving needs the explicit confirmation');
  if (!(await page.locator('#approve').isDisabled())) throw new Error('approve is possible without the confirmation');
  await page.screenshot({ path: join(shots, 'suspicious.png'), fullPage: true });
  await page.check('#d-confirm');
  if (await page.locator('#approve').isDisabled()) throw new Error('the confirmation does not enable approving');
  await page.click('#approve');
  await page.locator('#message', { hasText: 'Freigegeben' }).waitFor();
  await page.locator('#mails tbody tr', { hasText: suspiciousSubject }).waitFor({ state: 'detached' });

  step('search: another spelling finds the mail, in one group of matches');
  await page.selectOption('#f-status', '');
  await page.fill('#f-q', env('REVIEW_SEARCH'));
  await page.press('#f-q', 'Enter');
  await page.locator('#mails tbody tr.group[data-group=search]').waitFor();
  await page.locator('#mails tbody tr', { hasText: subject }).waitFor();
  if (await page.locator('#mails tbody tr.mail').count() !== 1) throw new Error('not exactly the one mail found');
  if (!(await page.locator('#range').textContent()).endsWith('/ 1')) throw new Error('no count of matches');
  await page.screenshot({ path: join(shots, 'search.png'), fullPage: true });
  await page.fill('#f-q', '');
  await page.press('#f-q', 'Enter');
  await page.locator('#mails tbody tr.group[data-group=attention]').waitFor();

  step('a reply to a mail that has none: the form with the recipient as text and the signature');
  const freeSubject = env('REVIEW_FREE_SUBJECT');
  await page.fill('#f-q', freeSubject.split(' ').pop());
  await page.press('#f-q', 'Enter');
  const freeRow = page.locator('#mails tbody tr', { hasText: freeSubject });
  await freeRow.waitFor();
  await freeRow.click();
  await page.locator('#view-mail').waitFor({ state: 'visible' });
  if (!(await page.locator('#draft-form').isHidden())) throw new Error('a draft shown for a mail without a reply');
  await page.click('#write-reply');
  await page.locator('#reply-form').waitFor({ state: 'visible' });
  if (await page.locator('#r-recipient').evaluate((e) => e.tagName) !== 'DD') throw new Error('the recipient is editable');
  if ((await page.locator('#r-recipient').textContent()) !== env('REVIEW_FREE_SENDER')) throw new Error('not the sender');
  if (!(await page.locator('#r-subject').inputValue()).startsWith('Re: ')) throw new Error('no reply subject');
  if (!(await page.locator('#r-body').inputValue()).includes('Mit freundlichen Grüßen')) throw new Error('no signature');

  step('a template inserted and edited, then sent with a double click: sent once');
  await page.selectOption('#r-template', 'acknowledgement');
  await page.click('#r-insert');
  const inserted = await page.locator('#r-body').inputValue();
  if (!inserted.includes('vielen Dank für Ihre Nachricht')) throw new Error('the template is not in the text: ' + inserted);
  await page.fill('#r-body', inserted.replace('Guten Tag,', 'Guten Tag,\n' + env('REVIEW_FREE_TEXT')));
  await page.screenshot({ path: join(shots, 'reply.png'), fullPage: true });
  await page.dblclick('#r-send');
  await page.locator('#message', { hasText: 'Die Antwort wird gesendet' }).waitFor();

  step('the mail shows its reply as the person\'s own, and offers no second one');
  await page.locator('#mails tbody tr', { hasText: freeSubject }).click();
  await page.locator('#view-mail').waitFor({ state: 'visible' });
  await page.locator('#d-kind', { hasText: 'eigene Antwort' }).waitFor();
  if (!(await page.locator('#write-reply').isHidden())) throw new Error('a second reply is offered');
  await page.click('#back');
  await page.fill('#f-q', '');
  await page.press('#f-q', 'Enter');
  await page.locator('#mails tbody tr.group[data-group=attention]').waitFor();

  step('switch to English');
  await page.selectOption('#lang', 'en');
  if ((await page.locator('nav .tab').first().textContent()) !== 'Inbox') throw new Error('no English');

  step('the audit trail shows the approval and the confirmation of the suspicious draft');
  await page.click('nav .tab[data-view=audit]');
  await page.locator('#audit tbody tr', { hasText: 'approved' }).filter({ hasText: env('REVIEW_USER') }).first().waitFor();
  await page.locator('#audit tbody tr', { hasText: 'suspicious draft confirmed' }).first().waitFor();
  await page.locator('#audit tbody tr', { hasText: 'own reply sent' }).filter({ hasText: env('REVIEW_USER') }).first().waitFor();
  await page.screenshot({ path: join(shots, 'audit.png'), fullPage: true });

  step('log out');
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });

  if (problems.length) throw new Error(problems.join('; '));
  console.log('PASS');
} catch (e) {
  console.log('FAIL: ' + e.message + (problems.length ? ' (' + problems.join('; ') + ')' : ''));
  await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
