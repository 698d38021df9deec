// The staff page. Mail content is untrusted: it is only ever put into the page as text
// (textContent, input values), never as markup, and nothing remote is loaded.
import { language, setLanguage, t, tOr, translate } from './i18n.js';
import { groupRow, hideCounts, replyCell, showCounts } from './attention.js';
import { confirmation, showWarning } from './suspicious.js';
import { mailboxNote } from './mailbox.js';
import { loadPeople, wireAddPerson } from './people.js';
import { loadPrivacy, wirePrivacy } from './privacy.js';
import { offerReply, wireReply } from './reply-form.js';

const $ = (id) => document.getElementById(id);
const state = { session: null, offset: 0, limit: 25, total: 0, mail: null, inboxLoads: 0 };

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = state.session?.csrfToken ?? '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch('/api' + path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    showLogin();
    throw new Error(t('loginFailed'));
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error((json && json.detail) || res.statusText);
    err.status = res.status;
    throw err;
  }
  return json;
}

function say(text, error = false) {
  const m = $('message');
  m.textContent = text;
  m.className = error ? 'message error' : 'message';
}

function cell(row, text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? t('none');
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(language() === 'de' ? 'de-DE' : 'en-GB') : t('none');
}

function badge(priority) {
  const span = document.createElement('span');
  span.className = 'badge ' + (priority || '');
  span.textContent = priority === 'urgent' ? t('urgentMark') : t('p_' + (priority || 'none'));
  return span;
}

// ---------------------------------------------------------------- session
async function start() {
  translate();
  $('lang').value = language();
  state.session = await api('GET', '/session');
  if (state.session.authenticated) showApp(); else showLogin();
}

function showLogin() {
  state.session = null;
  $('app').hidden = true;
  $('logout').hidden = true;
  $('who').hidden = true;
  hideCounts();
  $('login').hidden = false;
  $('user').focus();
}

/** The category as staff know it from the mailbox's labels (the profile's name), else its id. */
function categoryName(id) {
  const names = (state.session && state.session.categoryNames) || {};
  return names[id] || id;
}

async function showApp() {
  const s = state.session;
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('who').hidden = false;
  $('who').textContent = s.user;
  $('mailer').textContent = s.mailer;
  $('tab-dead').hidden = !s.admin;
  $('tab-people').hidden = !s.admin;
  $('tab-privacy').hidden = !s.admin;
  for (const select of [$('f-category'), $('c-new')]) {
    while (select.options.length > (select === $('f-category') ? 1 : 0)) select.remove(select.options.length - 1);
    for (const c of s.categories) select.add(new Option(categoryName(c), c));
  }
  showMailboxNote();
  if (currentView === 'mail' && state.mail) {
    // logged in again after the login ran out: the mail and the edited draft are still on screen
    for (const v of VIEWS) $('view-' + v).hidden = v !== 'mail';
    return;
  }
  await show('inbox');
}

async function showMailboxNote() {
  const note = $('mailbox-note');
  try {
    note.textContent = mailboxNote(await api('GET', '/mailbox'));
  } catch (err) {
    note.textContent = '';
  }
  note.hidden = !note.textContent;
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    const res = await fetch('/api/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin', body: JSON.stringify({ user: $('user').value, password: $('password').value }),
    });
    $('password').value = '';
    // too many failures: the server says for how long (429); anything else is the usual message
    if (res.status === 429) throw new Error(t('loginLocked'));
    if (!res.ok) throw new Error(t('loginFailed'));
    state.session = await res.json();
    await showApp();
  } catch (err) {
    $('login-error').textContent = err.message;
  }
});

$('logout').addEventListener('click', async () => {
  await api('DELETE', '/session').catch(() => {});
  showLogin();
});

$('lang').addEventListener('change', () => {
  setLanguage($('lang').value);
  translate();
  if (state.session) {
    showMailboxNote();
    show(currentView);
  }
});

// ---------------------------------------------------------------- views
let currentView = 'inbox';
const VIEWS = ['inbox', 'mail', 'dead', 'audit', 'people', 'privacy'];

async function show(view) {
  currentView = view;
  for (const v of VIEWS) $('view-' + v).hidden = v !== view;
  document.querySelectorAll('.tab').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
  try {
    if (view === 'inbox') await loadInbox();
    if (view === 'dead') await loadDead();
    if (view === 'audit') await loadAudit();
    if (view === 'people') await loadPeople(api, say, state.session.user);
    if (view === 'privacy') await loadPrivacy(api);
  } catch (err) {
    say(t('failed') + ': ' + err.message, true);
  }
}

document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => { say(''); show(b.dataset.view); }));

async function loadInbox() {
  const q = new URLSearchParams({ limit: state.limit, offset: state.offset });
  for (const [k, id] of [['q', 'f-q'], ['category', 'f-category'], ['priority', 'f-priority'], ['needsReply', 'f-needs'], ['status', 'f-status']]) {
    if ($(id).value) q.set(k, $(id).value);
  }
  // answers can come back out of order (a filter changed, then a search typed at once): only the
  // latest request's answer is shown, never an older one over it
  const load = ++state.inboxLoads;
  const [page] = await Promise.all([api('GET', '/mails?' + q), showCounts(api)]);
  if (load !== state.inboxLoads) return;
  state.total = page.total;
  const body = $('mails').tBodies[0];
  body.replaceChildren();
  let group = null;
  for (const m of page.items) {
    if (m.group !== group) body.appendChild(groupRow(group = m.group, 6));
    const tr = document.createElement('tr');
    tr.className = 'mail' + (m.priority === 'urgent' ? ' urgent' : '');
    tr.dataset.id = m.id;
    cell(tr, '').replaceChildren(badge(m.priority));
    cell(tr, m.subject, 'subject');
    cell(tr, m.from);
    cell(tr, when(m.receivedAt));
    cell(tr, categoryName(m.category));
    replyCell(cell(tr, ''), m);
    tr.addEventListener('click', () => openMail(m.id));
    body.appendChild(tr);
  }
  if (!page.items.length) {
    const tr = document.createElement('tr');
    cell(tr, t('empty')).colSpan = 6;
    body.appendChild(tr);
  }
  $('range').textContent = page.total
    ? `${page.offset + 1}–${page.offset + page.items.length} / ${page.total}${page.more ? '+' : ''}` : '';
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + state.limit >= page.total;
}

function filtered(e) {
  e.preventDefault();
  state.offset = 0;
  say('');
  loadInbox().catch((err) => say(err.message, true));
}
$('filters').addEventListener('change', filtered);
// Enter in the search box searches; the form never reloads the page
$('filters').addEventListener('submit', filtered);
$('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); loadInbox(); });
$('next').addEventListener('click', () => { state.offset += state.limit; loadInbox(); });
$('back').addEventListener('click', () => show('inbox'));

// ---------------------------------------------------------------- one mail
async function openMail(id) {
  say('');
  const m = await api('GET', '/mails/' + id);
  state.mail = m;
  currentView = 'mail';
  for (const v of ['inbox', 'mail', 'dead', 'audit']) $('view-' + v).hidden = v !== 'mail';
  $('m-subject').textContent = m.subject ?? '';
  $('m-from').textContent = m.from ?? t('none');
  $('m-to').textContent = m.to ?? t('none');
  $('m-received').textContent = when(m.receivedAt);
  $('m-attachments').replaceChildren(...(m.attachments.length ? m.attachments.map((a) => attachmentItem(m.id, a))
    : [Object.assign(document.createElement('li'), { textContent: t('none') })]));
  // the plain text, or the text of the HTML part: as text, so markup in a mail stays inert
  $('m-body').textContent = m.textBody ?? m.htmlText ?? '';
  showThread(m.id).catch(() => { $('thread').hidden = true; });
  const c = m.classification;
  $('classification').hidden = !c;
  if (c) {
    $('c-priority').replaceChildren(badge(c.priority));
    $('c-category').textContent = categoryName(c.category) + (c.correctedBy ? ` (${t('correctedBy')} ${c.correctedBy}, ${when(c.correctedAt)}; ${categoryName(c.triageCategory)})` : '');
    $('c-by').textContent = c.classifiedBy === 'ai' ? `${t('by_ai')} (${c.model}, ${Math.round(c.confidence * 100)} %)` : t('by_rules');
    $('c-summary').textContent = c.summary;
    $('c-new').value = c.category;
  }
  const d = m.draft;
  $('d-none').hidden = !!d;
  // why there is no automatic reply: the mail is history or too old for one (a draft instead), or the
  // planner's decision where there is no reply at all, with the spam signals that refused any reply
  const outcome = c ? c.replyOutcome : null;
  const why = ['history', 'too_old'].includes(outcome) ? t('why_' + outcome)
    : !d && outcome && outcome !== 'none' ? tOr('o_' + outcome, outcome) : '';
  $('d-why').hidden = !why;
  $('d-outcome').textContent = why;
  $('d-why-reasons').replaceChildren(...(why && c.replyReasons ? c.replyReasons : []).map((r) => {
    const li = document.createElement('li');
    li.textContent = tOr('r_' + r.code, r.code) + (r.detail ? ': ' + r.detail : '');
    return li;
  }));
  $('draft-form').hidden = !d;
  if (d) {
    $('d-kind').textContent = t('k_' + d.kind);
    $('d-status').textContent = t('s_' + d.status) + (d.sentFromMailbox ? ' ' + t('sentFromMailbox') : '');
    $('d-recipient').textContent = d.recipient;
    $('d-subject').value = d.subject;
    $('d-body').value = d.body;
    $('d-reason').value = '';
    const open = d.status === 'DRAFT' && d.kind !== 'template_auto';
    for (const id of ['d-subject', 'd-body', 'd-reason']) $(id).disabled = !open;
    $('approve').hidden = !open;
    $('reject').hidden = !open;
    showWarning(d, open);
  }
  offerReply(api, m);
}

/** The conversation: received mails (each opens on click) and our replies with their text, oldest first. */
async function showThread(mailId) {
  const entries = await api('GET', `/mails/${mailId}/thread`);
  const list = $('m-thread');
  list.replaceChildren(...entries.map((e) => {
    const li = document.createElement('li');
    li.className = e.direction === 'out' ? 'out' : 'in';
    const head = document.createElement('div');
    head.className = 'head';
    if (e.direction === 'out') {
      head.textContent = `${when(e.at)} · ${t('ourReply')} (${t('s_' + e.status)}) → ${e.to ?? ''}: ${e.subject ?? ''}`;
      const body = document.createElement('pre');
      body.className = 'body';
      body.textContent = e.text ?? '';
      li.append(head, body);
    } else if (e.mailId === mailId) {
      head.textContent = `${when(e.at)} · ${e.from ?? ''}: ${e.subject ?? ''} (${t('thisMail')})`;
      li.classList.add('current');
      li.append(head);
    } else {
      const link = document.createElement('a');
      link.href = '#';
      link.textContent = `${when(e.at)} · ${e.from ?? ''}: ${e.subject ?? ''}`;
      link.addEventListener('click', (ev) => { ev.preventDefault(); openMail(e.mailId); });
      head.append(link);
      li.append(head);
    }
    return li;
  }));
  $('thread').hidden = entries.length < 2;
}

/** A clean file as a download link with its size; anything else with the reason it cannot be had. */
function attachmentItem(mailId, a) {
  const li = document.createElement('li');
  li.dataset.attachment = a.id;
  const size = a.sizeBytes == null ? '' : ` (${formatSize(a.sizeBytes)})`;
  if (a.downloadable) {
    const link = document.createElement('a');
    link.href = `/api/mails/${mailId}/attachments/${a.id}`;
    link.textContent = a.fileName;
    link.title = t('download');
    link.setAttribute('download', '');
    li.append(link, size);
  } else {
    li.className = 'refused';
    li.textContent = `${a.fileName}${size}: ${a.refusal}`;
  }
  return li;
}

function formatSize(bytes) {
  const locale = language() === 'de' ? 'de-DE' : 'en-GB';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

async function decide(action, body, done) {
  try {
    await api('POST', `/drafts/${state.mail.draft.id}/${action}`, body);
    await show('inbox');
    say(t(done));
  } catch (err) {
    if (err.status === 409) {
      await openMail(state.mail.id);
      say(t('conflict'), true);
    } else {
      say(t('failed') + ': ' + err.message, true);
    }
  }
}

$('approve').addEventListener('click', () => decide('approve',
  { subject: $('d-subject').value, body: $('d-body').value, ...confirmation(state.mail.draft) }, 'approved'));
$('reject').addEventListener('click', () => decide('reject', { reason: $('d-reason').value || null }, 'rejected'));

$('correct-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await api('PUT', `/mails/${state.mail.id}/category`, { category: $('c-new').value });
    await openMail(state.mail.id);
    say(t('corrected'));
  } catch (err) {
    say(t('failed') + ': ' + err.message, true);
  }
});

// ---------------------------------------------------------------- dead letters, audit
async function loadDead() {
  const page = await api('GET', '/dead-letters?limit=200');
  const body = $('dead').tBodies[0];
  body.replaceChildren();
  for (const d of page.items) {
    const tr = document.createElement('tr');
    cell(tr, String(d.id));
    cell(tr, d.subject);
    cell(tr, String(d.attempts));
    cell(tr, d.lastError);
    cell(tr, when(d.updatedAt));
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('requeue');
    b.addEventListener('click', async () => {
      try {
        await api('POST', `/dead-letters/${d.id}/requeue`);
        await loadDead();
        say(t('requeued'));
      } catch (err) {
        say(t('failed') + ': ' + err.message, true);
      }
    });
    cell(tr, '').appendChild(b);
    body.appendChild(tr);
  }
}

async function loadAudit() {
  const page = await api('GET', '/audit?limit=200');
  const body = $('audit').tBodies[0];
  body.replaceChildren();
  for (const a of page.items) {
    const tr = document.createElement('tr');
    cell(tr, when(a.at));
    cell(tr, a.actor);
    cell(tr, t('a_' + a.action));
    cell(tr, a.mailId == null ? null : String(a.mailId));
    cell(tr, `${a.oldValue ?? ''} → ${a.newValue ?? ''}`);
    cell(tr, a.detail);
    body.appendChild(tr);
  }
}

wireReply(api, say, () => state.mail, openMail, () => show('inbox'));
wireAddPerson(api, say, () => loadPeople(api, say, state.session.user));
wirePrivacy(api, say);

start().catch((err) => say(t('failed') + ': ' + err.message, true));
