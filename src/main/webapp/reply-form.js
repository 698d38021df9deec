// A person's own reply to any mail: the recipient, language and subject come from the server (chosen
// by code, the recipient shown as text only); the profile's templates can be inserted and edited; the
// signature is in the text from the start. The server sends a mail's reply once, whatever is clicked.
import { t, tOr } from './i18n.js';

const $ = (id) => document.getElementById(id);
let form = null; // the server's form for the open mail
let untouched = ''; // the text as prefilled: a template replaces it rather than being added to it

let draftTemplates = []; // the templates offered for the open draft
let openId = null; // the mail on screen

/**
 * Shows "write a reply" where the mail may get one from a person: no reply yet, or the draft was
 * rejected. A draft waiting for a decision gets the templates to insert into its text instead.
 */
export function offerReply(api, mail) {
  form = null;
  $('reply-form').hidden = true;
  const d = mail.draft;
  $('write-reply').hidden = !!d && d.status !== 'REJECTED';
  $('d-templates').hidden = true;
  draftTemplates = [];
  openId = mail.id;
  if (d && d.status === 'DRAFT' && d.kind !== 'template_auto') {
    api('GET', `/mails/${mail.id}/reply`).then((f) => {
      if (openId !== mail.id || f.refusal || !f.templates.length) return; // another mail is open by now
      draftTemplates = f.templates;
      fill($('d-template'), f.templates);
      $('d-templates').hidden = false;
    }).catch(() => {});
  }
}

function fill(select, templates) {
  select.replaceChildren(...templates.map((tpl) => {
    const o = document.createElement('option');
    o.value = tpl.name;
    o.textContent = tpl.subject; // the template's own subject line says what it is about
    return o;
  }));
}

/** The template's text into the area at its cursor (or in place of {@code replaced}, the untouched start). */
function insertInto(area, tpl, replaced) {
  if (area.value === replaced) {
    area.value = tpl.body;
  } else {
    const at = area.selectionStart ?? area.value.length;
    area.value = area.value.slice(0, at) + tpl.body + area.value.slice(area.selectionEnd ?? at);
  }
  area.focus();
}

/** Loads the form for the open mail; a refusal (loop guard, spam signals) is shown instead of it. */
async function openForm(api, mail) {
  form = await api('GET', `/mails/${mail.id}/reply`);
  $('write-reply').hidden = true;
  $('reply-form').hidden = false;
  $('r-refused').hidden = !form.refusal;
  $('r-fields').hidden = !!form.refusal;
  if (form.refusal) {
    $('r-refused').textContent = tOr('o_' + form.refusal, t('replyRefused') + ': ' + form.refusal)
      + (form.refusalDetail ? ` (${form.refusalDetail})` : '');
    return;
  }
  $('r-recipient').textContent = form.recipient;
  $('r-language').textContent = form.language;
  $('r-subject').value = form.subject;
  untouched = '\n\n' + form.signature;
  $('r-body').value = untouched;
  fill($('r-template'), form.templates);
  $('r-insert').disabled = form.templates.length === 0;
  $('r-thread').checked = false;
  $('r-thread-label').hidden = $('thread').hidden;
  $('r-send').disabled = false;
  $('r-body').focus();
  $('r-body').setSelectionRange(0, 0);
}

/** The chosen template's text at the cursor (in place of the untouched prefill), to edit before sending. */
function insertTemplate() {
  const tpl = form.templates.find((x) => x.name === $('r-template').value);
  if (tpl) insertInto($('r-body'), tpl, untouched);
}

/** Wires the buttons once; {@code reload(id)} opens a mail again, {@code done()} goes back to the inbox. */
export function wireReply(api, say, currentMail, reload, done) {
  $('write-reply').addEventListener('click', () => openForm(api, currentMail())
    .catch((err) => say(t('failed') + ': ' + err.message, true)));
  $('r-insert').addEventListener('click', insertTemplate);
  $('d-insert').addEventListener('click', () => {
    const tpl = draftTemplates.find((x) => x.name === $('d-template').value);
    if (tpl) insertInto($('d-body'), tpl, null);
  });
  $('r-cancel').addEventListener('click', () => offerReply(api, currentMail()));
  $('r-send').addEventListener('click', async () => {
    const mail = currentMail();
    $('r-send').disabled = true;
    try {
      await api('POST', `/mails/${mail.id}/reply`,
        { subject: $('r-subject').value, body: $('r-body').value, thread: $('r-thread').checked });
      await done();
      say(t('replySent'));
    } catch (err) {
      $('r-send').disabled = false;
      if (err.status === 409) {
        await reload(mail.id);
      }
      say(t('failed') + ': ' + err.message, true);
    }
  });
}
