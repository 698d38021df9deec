// The inbox opens on what needs a person: urgent mail of the last 7 days first (whatever its reply,
// marked answered or not), then drafts waiting, then the rest. The API orders and groups the rows
// (MailSummary.group); this module draws the counts in the header and a heading row per group.
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** The header's counts of the three groups, from GET /api/mails/counts. */
export async function showCounts(api) {
  const c = await api('GET', '/mails/counts');
  $('n-attention').textContent = String(c.attention);
  $('n-draft').textContent = String(c.drafts);
  $('n-rest').textContent = String(c.rest) + (c.more ? '+' : '');
  $('counts').hidden = false;
}

export function hideCounts() {
  $('counts').hidden = true;
}

/** A heading row before the first row of each group. */
export function groupRow(group, columns) {
  const tr = document.createElement('tr');
  tr.className = 'group ' + group;
  tr.dataset.group = group;
  const th = document.createElement('th');
  th.colSpan = columns;
  th.textContent = t('g_' + group);
  tr.appendChild(th);
  return tr;
}

/** The reply cell: its state; for mail that needs attention also whether it was answered; a flagged draft marked. */
export function replyCell(td, m) {
  td.textContent = m.replyStatus ? t('s_' + m.replyStatus) : t('s_NONE');
  if (m.group === 'attention') {
    const mark = document.createElement('span');
    mark.className = m.answered ? 'answered' : 'unanswered';
    mark.textContent = ' · ' + (m.answered ? t(m.replyKind === 'template_auto' ? 'answeredAuto' : 'answered') : t('unanswered'));
    td.appendChild(mark);
  }
  if (m.suspicious && m.replyStatus === 'DRAFT') {
    const mark = document.createElement('span');
    mark.className = 'suspicious-mark';
    mark.textContent = ' · ' + t('suspiciousMark');
    td.appendChild(mark);
  }
}
