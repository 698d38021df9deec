// How the mailbox is read, in one line above the inbox: what the first start imported
// (mailer.imap.initial-import) and the age limit of automatic replies (mailer.reply.max-age).
import { language, t } from './i18n.js';

function day(iso) {
  return new Date(iso).toLocaleDateString(language() === 'de' ? 'de-DE' : 'en-GB');
}

function age(minutes) {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/** The note's text for the first folder the mailer reads; empty before its first poll. */
export function mailboxNote(view) {
  const f = view.folders[0];
  if (!f) return '';
  const key = f.startReason === 'uidvalidity_change' ? 'import_resync'
    : f.initialImport.startsWith('since:') ? 'import_since' : 'import_' + f.initialImport;
  const start = t(key).replace('{date}', day(f.startedAt)).replace('{n}', String(f.historyMails))
    .replace('{since}', f.historySince ? day(f.historySince) : '');
  return start + ' ' + t('import_maxAge').replace('{age}', age(view.replyMaxAgeMinutes));
}
