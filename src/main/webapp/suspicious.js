// A draft the check in code flagged (Draft.suspicious): a warning with the reasons above its text,
// and "approve" only after the person ticks the confirmation, which the API requires and audits.
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** Shows or hides the warning for this draft; while it is shown, approving waits for the tick. */
export function showWarning(draft, open) {
  const flagged = !!draft.suspicious;
  $('d-warning').hidden = !flagged;
  $('d-confirm').checked = false;
  $('d-confirm').disabled = !open;
  const list = $('d-reasons');
  list.replaceChildren();
  for (const r of draft.suspiciousReasons || []) {
    const li = document.createElement('li');
    li.textContent = t('r_' + r);
    list.appendChild(li);
  }
  $('approve').disabled = flagged && open;
}

/** What the approval adds to its request: the confirmation, for a flagged draft only. */
export function confirmation(draft) {
  return draft.suspicious ? { confirmSuspicious: $('d-confirm').checked } : {};
}

$('d-confirm').addEventListener('change', () => { $('approve').disabled = !$('d-confirm').checked; });
