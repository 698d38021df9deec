// The admin's data protection view: a person's request to be forgotten. The address goes to the
// server in a request body only; the page shows what would go (preview), then erases on confirm,
// and lists earlier runs with the address as the start of its keyed hash. Its texts live here, in
// their own file beside the rest of the page (docs/data-protection.md).
import { language } from './i18n.js';

const TEXTS = {
  de: {
    privacy: 'Datenschutz', p_address: 'E-Mail-Adresse der Person', p_preview: 'Prüfen, was gelöscht würde',
    p_forget: 'Endgültig löschen', p_would: 'Gelöscht würden: {mails} Mails, {attachments} Anhänge, {outbound} Antworten (davon {unsent} noch nicht gesendet, sie werden storniert).',
    p_done: 'Gelöscht: {mails} Mails, {attachments} Anhänge, {outbound} Antworten ({unsent} storniert), {archiveCopies} Archivkopien.',
    p_note: 'Löscht jede Mail, die die Adresse in Von, Antwort-an, An oder Kopie nennt, mit Rohdaten, Anhängen (auch im Archiv), Einstufung und Antworten. Die Mail im Postfach (z. B. Gmail) löschen Sie dort selbst. Das Protokoll nennt die Adresse nicht, nur ihren Schlüssel.',
    p_when: 'Begonnen', p_key: 'Schlüssel', p_who: 'Wer', p_result: 'Gelöscht', p_unfinished: 'abgebrochen: bitte erneut ausführen',
    p_failed: 'Fehlgeschlagen',
  },
  en: {
    privacy: 'Privacy', p_address: 'The person\'s e-mail address', p_preview: 'Check what would be erased',
    p_forget: 'Erase for good', p_would: 'Would erase: {mails} mails, {attachments} attachments, {outbound} replies ({unsent} not sent yet, they are cancelled).',
    p_done: 'Erased: {mails} mails, {attachments} attachments, {outbound} replies ({unsent} cancelled), {archiveCopies} archive copies.',
    p_note: 'Erases every mail that names the address in From, Reply-To, To or Cc, with its raw message, attachments (also in the archive), classification and replies. Delete the mail in the mailbox (e.g. Gmail) there yourself. The record names the address only by its key.',
    p_when: 'Started', p_key: 'Key', p_who: 'Who', p_result: 'Erased', p_unfinished: 'cut short: run it again',
    p_failed: 'Failed',
  },
};

function t(key) {
  return (TEXTS[language()] || TEXTS.en)[key] ?? TEXTS.en[key];
}

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

/** Sets the view's texts in the page's language; called whenever the view is shown. */
function label() {
  document.querySelectorAll('[data-privacy]').forEach((el) => { el.textContent = t(el.dataset.privacy); });
}

/** Shows the view: texts and the record of earlier runs. */
export async function loadPrivacy(api) {
  label();
  const runs = await api('GET', '/privacy/erasures');
  const body = document.getElementById('erasures').tBodies[0];
  body.replaceChildren();
  for (const r of runs) {
    const tr = document.createElement('tr');
    for (const text of [new Date(r.startedAt).toLocaleString(language()), r.addressKey, r.actor,
      r.finishedAt ? fill(t('p_done'), r) : t('p_unfinished')]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

/** The form: preview first; the erase button only after a preview of the same address. */
export function wirePrivacy(api, say) {
  label();
  const address = document.getElementById('pv-address');
  const erase = document.getElementById('pv-forget');
  const result = document.getElementById('pv-result');
  let previewed = null;
  address.addEventListener('input', () => { erase.disabled = true; previewed = null; result.textContent = ''; });
  document.getElementById('privacy-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const p = await api('POST', '/privacy/preview', { address: address.value });
      previewed = address.value;
      say('');
      result.textContent = fill(t('p_would'), p);
      erase.disabled = false;
    } catch (err) {
      say(t('p_failed') + ': ' + err.message, true);
    }
  });
  erase.addEventListener('click', async () => {
    if (previewed !== address.value) return;
    erase.disabled = true;
    try {
      const done = await api('POST', '/privacy/forget', { address: previewed, confirm: true });
      say('');
      result.textContent = fill(t('p_done'), done);
      address.value = '';
      previewed = null;
      await loadPrivacy(api);
    } catch (err) {
      say(t('p_failed') + ': ' + err.message, true);
    }
  });
}
