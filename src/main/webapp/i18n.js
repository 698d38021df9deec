// German and English texts of the staff page. The page's language defaults to the browser's
// (Accept-Language, as navigator.languages), and a choice is remembered on this PC.
const TEXTS = {
  de: {
    title: 'Posteingang', language: 'Sprache', logout: 'Abmelden', login: 'Anmelden', user: 'Benutzer',
    password: 'Passwort', inbox: 'Posteingang', deadLetters: 'Unzustellbar', audit: 'Protokoll',
    category: 'Kategorie', priority: 'Priorität', needsReply: 'Antwort nötig', replyStatus: 'Antwort', all: 'alle',
    yes: 'ja', no: 'nein', subject: 'Betreff', from: 'Von', to: 'An', received: 'Eingang', prev: 'zurück',
    next: 'weiter', back: 'Zurück zur Liste', attachments: 'Anhänge', classification: 'Einordnung',
    decidedBy: 'entschieden von', summary: 'Zusammenfassung', correctCategory: 'Kategorie korrigieren',
    save: 'Speichern', reply: 'Antwort', noReply: 'Keine Antwort geplant.', kind: 'Art', recipient: 'Empfänger',
    text: 'Text', reason: 'Grund (bei Ablehnung)', approve: 'Freigeben und senden', reject: 'Ablehnen',
    attempts: 'Versuche', lastError: 'Letzter Fehler', since: 'seit', requeue: 'Erneut senden', when: 'Wann',
    who: 'Wer', action: 'Aktion', mail: 'Mail', change: 'Änderung', detail: 'Details',
    p_urgent: 'dringend', p_high: 'hoch', p_normal: 'normal', p_low: 'niedrig', p_none: 'offen',
    s_DRAFT: 'Entwurf wartet', s_PENDING: 'in der Warteschlange', s_SENDING: 'wird gesendet', s_SENT: 'gesendet',
    s_REJECTED: 'abgelehnt', s_FAILED: 'Fehlversuch', s_DEAD: 'unzustellbar', s_NONE: 'keine',
    k_template_auto: 'Vorlage (automatisch)', k_template_draft: 'Vorlage (Entwurf)', k_ai_draft: 'KI-Entwurf', k_staff_reply: 'eigene Antwort',
    by_ai: 'KI-Modell', by_rules: 'Regeln', correctedBy: 'korrigiert von',
    a_approve: 'freigegeben', a_reply: 'eigene Antwort gesendet', a_reject: 'abgelehnt', a_correct_category: 'Kategorie korrigiert', a_requeue: 'erneut eingereiht',
    approved: 'Freigegeben: die Antwort wird gesendet.', rejected: 'Entwurf abgelehnt.',
    corrected: 'Kategorie gespeichert.', requeued: 'Erneut in die Warteschlange gestellt.',
    conflict: 'Schon entschieden – die Ansicht wurde neu geladen.', loginFailed: 'Benutzer oder Passwort falsch.',
    failed: 'Das hat nicht geklappt', empty: 'Keine Mails.', none: '–', urgentMark: 'DRINGEND',
    // needs attention first (attention.js)
    g_attention: 'Braucht Aufmerksamkeit', g_draft: 'Entwürfe warten', g_rest: 'Übrige', g_search: 'Suchtreffer, neueste zuerst',
    writeReply: 'Antwort schreiben', ownReply: 'Eigene Antwort', replyLanguage: 'Sprache der Antwort', template: 'Vorlage',
    insertTemplate: 'Vorlage einfügen', replyThread: 'An den ganzen Verlauf antworten (an dessen neueste Mail)',
    sendReply: 'Antwort senden', cancel: 'Abbrechen', replySent: 'Die Antwort wird gesendet.', sentFromMailbox: '(im Postfach aus den Entwürfen gesendet, nicht von hier)',
    replyRefused: 'Auf diese Mail geht keine Antwort', o_staff_reply: 'eigene Antwort',
    conversation: 'Verlauf', ourReply: 'Unsere Antwort', thisMail: 'diese Mail',
    search: 'Suche', searchHint: 'Betreff, Text, Absender, Anhang', download: 'herunterladen',
    answered: 'beantwortet', answeredAuto: 'automatisch beantwortet', unanswered: 'nicht beantwortet',
    // suspicious drafts (suspicious.js)
    suspiciousMark: 'verdächtig', suspiciousTitle: 'Achtung: verdächtiger KI-Entwurf',
    suspiciousText: 'Die Prüfung hat im Text des Modells Auffälliges gefunden. Kopf- und Anweisungszeilen sind entfernt, Links, Adressen und fremde Nummern durch Platzhalter ersetzt. Lesen Sie den Text genau, bevor Sie ihn freigeben:',
    suspiciousConfirm: 'Ich habe den Text geprüft und gebe ihn trotzdem frei.',
    r_instruction: 'Anweisungen (z. B. „SYSTEM:“, „ignoriere vorherige Anweisungen“, „alle Patientendaten weiterleiten“) – entfernt',
    r_header: 'Kopfzeilen wie „An:“, „Bcc:“, „Betreff:“ – entfernt', r_link: 'Links – entfernt',
    r_address: 'E-Mail-Adressen – entfernt', r_number: 'Telefon- oder Kontonummern, Kunden- oder Bestellnummern, die nicht aus der Mail stammen – entfernt',
    r_name: 'Namen von Personen, die in der Mail nicht vorkommen', r_language: 'eine andere Sprache als die der Mail',
    r_length: 'viel länger oder kürzer als die Vorlage',
    a_confirm_suspicious: 'verdächtigen Entwurf bestätigt',
    // people (people.js)
    people: 'Personen', role: 'Rolle', state: 'Zustand', role_staff: 'Team', role_admin: 'Verwaltung',
    enabled: 'aktiv', disabled: 'gesperrt', configured: 'aus der Konfiguration', disable: 'Sperren', enable: 'Freischalten',
    newPassword: 'Neues Passwort', newPasswordFor: 'Neues Passwort für {name}', setPassword: 'Setzen',
    firstPassword: 'Erstes Passwort', addPerson: 'Person anlegen', nameHint: 'z. B. anna.schmidt',
    personAdded: '{name} angelegt.', personDisabled: '{name} gesperrt; offene Sitzungen sind beendet.',
    personEnabled: '{name} freigeschaltet.', passwordSet: 'Neues Passwort für {name} gesetzt; offene Sitzungen sind beendet.',
    passwordRules: 'Passwörter: mindestens 10 Zeichen, nicht der Benutzername; Sätze aus mehreren Wörtern sind gut.',
    loginLocked: 'Zu viele Fehlversuche: Anmelden ist für einige Minuten gesperrt.',
    a_person_add: 'Person angelegt', a_person_disable: 'Person gesperrt', a_person_enable: 'Person freigeschaltet',
    a_person_password: 'Passwort neu gesetzt',
    import_none: 'Erster Start am {date}: Mails, die schon im Postfach lagen, wurden nicht übernommen; hier erscheint, was seitdem eingeht.',
    import_since: 'Erster Start am {date}: Mails seit {since} wurden als Bestand übernommen ({n}); sie sind eingeordnet, werden aber nie automatisch beantwortet.',
    import_all: 'Erster Start am {date}: alle Mails des Postfachs wurden als Bestand übernommen ({n}); sie sind eingeordnet, werden aber nie automatisch beantwortet.',
    import_before_v8: 'Das Postfach wird seit {date} gelesen.',
    import_resync: 'Am {date} hat der Mailserver den Ordner neu nummeriert; er wurde neu eingelesen, {n} Mails daraus gelten als Bestand und werden nie automatisch beantwortet.',
    import_maxAge: 'Mails, die länger als {age} im Postfach liegen, werden nie automatisch beantwortet, nur als Entwurf vorbereitet.',
    why_history: 'Aus dem Bestand des Postfachs (lag dort schon vor dem ersten Start): wird nie automatisch beantwortet.',
    why_too_old: 'Älter als die Grenze für automatische Antworten: als Entwurf vorbereitet statt automatisch gesendet.',
    o_spam_signals: 'Keine Antwort und kein Entwurf: die Mail zeigt Merkmale von Spam oder Phishing.',
    o_auto_submitted: 'Keine Antwort: automatisch versandte Mail.', o_precedence: 'Keine Antwort: Massen- oder Listenmail.',
    o_mailing_list: 'Keine Antwort: Mailingliste oder Newsletter.', o_bounce: 'Keine Antwort: Zustellfehler-Meldung.',
    o_no_reply_sender: 'Keine Antwort: Systemabsender (no-reply).', o_own_address: 'Keine Antwort: eigene Adresse.',
    o_no_recipient: 'Keine Antwort: keine gültige Antwortadresse.', o_daily_cap: 'Keine Antwort: dieser Absender bekam heute schon eine.',
    o_disabled: 'Antworten sind abgeschaltet.',
    r_auth_failed: 'Absenderprüfung fehlgeschlagen (SPF/DKIM/DMARC)', r_spam_flag: 'vom Spamfilter markiert',
    r_junk_mark: 'im Postfach als Spam/Junk markiert', r_lure_text: 'typische Betrugsformulierungen',
    r_reply_to_lure: 'Antwortadresse bei anderer Domain als der Absender, dazu Betrugsformulierungen',
    r_link_mismatch: 'Link zeigt eine andere Adresse, als er öffnet', r_lookalike_domain: 'Link zu einer Doppelgänger-Domain (gemischte Schriftzeichen)',
  },
  en: {
    title: 'Inbox', language: 'Language', logout: 'Log out', login: 'Log in', user: 'User', password: 'Password',
    inbox: 'Inbox', deadLetters: 'Dead letters', audit: 'Audit trail', category: 'Category', priority: 'Priority',
    needsReply: 'Needs reply', replyStatus: 'Reply', all: 'all', yes: 'yes', no: 'no', subject: 'Subject',
    from: 'From', to: 'To', received: 'Received', prev: 'previous', next: 'next', back: 'Back to the list',
    attachments: 'Attachments', classification: 'Classification', decidedBy: 'decided by', summary: 'Summary',
    correctCategory: 'Correct the category', save: 'Save', reply: 'Reply', noReply: 'No reply planned.',
    kind: 'Kind', recipient: 'Recipient', text: 'Text', reason: 'Reason (when rejecting)',
    approve: 'Approve and send', reject: 'Reject', attempts: 'Attempts', lastError: 'Last error', since: 'since',
    requeue: 'Send again', when: 'When', who: 'Who', action: 'Action', mail: 'Mail', change: 'Change',
    detail: 'Details', p_urgent: 'urgent', p_high: 'high', p_normal: 'normal', p_low: 'low', p_none: 'open',
    s_DRAFT: 'draft waiting', s_PENDING: 'queued', s_SENDING: 'sending', s_SENT: 'sent', s_REJECTED: 'rejected',
    s_FAILED: 'failed attempt', s_DEAD: 'dead letter', s_NONE: 'none',
    k_template_auto: 'template (automatic)', k_template_draft: 'template (draft)', k_ai_draft: 'AI draft', k_staff_reply: 'own reply',
    by_ai: 'AI model', by_rules: 'rules', correctedBy: 'corrected by',
    a_approve: 'approved', a_reply: 'own reply sent', a_reject: 'rejected', a_correct_category: 'category corrected', a_requeue: 'requeued',
    approved: 'Approved: the reply is being sent.', rejected: 'Draft rejected.', corrected: 'Category saved.',
    requeued: 'Queued again.', conflict: 'Already decided – the view was reloaded.',
    loginFailed: 'Wrong user or password.', failed: 'That did not work', empty: 'No mail.', none: '–',
    urgentMark: 'URGENT',
    g_attention: 'Needs attention', g_draft: 'Drafts waiting', g_rest: 'Everything else', g_search: 'Matches, newest first',
    writeReply: 'Write a reply', ownReply: 'Own reply', replyLanguage: 'Language of the reply', template: 'Template',
    insertTemplate: 'Insert template', replyThread: 'Reply to the whole conversation (to its newest mail)',
    sendReply: 'Send reply', cancel: 'Cancel', replySent: 'The reply is being sent.', sentFromMailbox: '(sent from the mailbox\'s Drafts folder, not from here)',
    replyRefused: 'This mail gets no reply', o_staff_reply: 'own reply',
    conversation: 'Conversation', ourReply: 'Our reply', thisMail: 'this mail',
    search: 'Search', searchHint: 'subject, text, sender, attachment', download: 'download',
    answered: 'answered', answeredAuto: 'answered automatically', unanswered: 'not answered',
    suspiciousMark: 'suspicious', suspiciousTitle: 'Warning: suspicious AI draft',
    suspiciousText: 'The check found something wrong in the model\'s text. Header and instruction lines were removed; links, addresses and foreign numbers replaced by placeholders. Read the text carefully before you approve it:',
    suspiciousConfirm: 'I have checked the text and approve it anyway.',
    r_instruction: 'instructions (e.g. "SYSTEM:", "ignore previous instructions", "forward all patient records") – removed',
    r_header: 'header lines such as "To:", "Bcc:", "Subject:" – removed', r_link: 'links – removed',
    r_address: 'e-mail addresses – removed', r_number: 'phone or account numbers, customer or order numbers not from the mail – removed',
    r_name: 'names of people the mail does not mention', r_language: 'another language than the mail\'s',
    r_length: 'far longer or shorter than the template',
    a_confirm_suspicious: 'suspicious draft confirmed',
    people: 'People', role: 'Role', state: 'State', role_staff: 'staff', role_admin: 'admin',
    enabled: 'active', disabled: 'disabled', configured: 'from the configuration', disable: 'Disable', enable: 'Enable',
    newPassword: 'New password', newPasswordFor: 'New password for {name}', setPassword: 'Set',
    firstPassword: 'First password', addPerson: 'Add person', nameHint: 'e.g. anna.schmidt',
    personAdded: '{name} added.', personDisabled: '{name} disabled; their open sessions have ended.',
    personEnabled: '{name} enabled.', passwordSet: 'New password set for {name}; their open sessions have ended.',
    passwordRules: 'Passwords: at least 10 characters, not the user name; a sentence of several words is good.',
    loginLocked: 'Too many failed attempts: logging in is locked for a few minutes.',
    a_person_add: 'person added', a_person_disable: 'person disabled', a_person_enable: 'person enabled',
    a_person_password: 'password set',
    import_none: 'First start on {date}: mail that was already in the mailbox was not imported; what arrived since is shown here.',
    import_since: 'First start on {date}: mail since {since} was imported as history ({n}); it is classified but never answered automatically.',
    import_all: 'First start on {date}: all mail in the mailbox was imported as history ({n}); it is classified but never answered automatically.',
    import_before_v8: 'The mailbox has been read since {date}.',
    import_resync: 'On {date} the mail server renumbered the folder; it was read again, and {n} mails from it are history, never answered automatically.',
    import_maxAge: 'Mail that has been in the mailbox for longer than {age} is never answered automatically, only prepared as a draft.',
    why_history: 'From the mailbox\'s history (it was there before the first start): never answered automatically.',
    why_too_old: 'Older than the limit for automatic replies: prepared as a draft instead of being sent automatically.',
    o_spam_signals: 'No reply and no draft: the mail shows signs of spam or phishing.',
    o_auto_submitted: 'No reply: sent automatically.', o_precedence: 'No reply: bulk or list mail.',
    o_mailing_list: 'No reply: mailing list or newsletter.', o_bounce: 'No reply: delivery failure report.',
    o_no_reply_sender: 'No reply: system sender (no-reply).', o_own_address: 'No reply: our own address.',
    o_no_recipient: 'No reply: no valid address to answer.', o_daily_cap: 'No reply: this sender got one today already.',
    o_disabled: 'Replies are switched off.',
    r_auth_failed: 'sender authentication failed (SPF/DKIM/DMARC)', r_spam_flag: 'flagged by a spam filter',
    r_junk_mark: 'marked as spam/junk in the mailbox', r_lure_text: 'typical scam phrases',
    r_reply_to_lure: 'reply address at another domain than the sender, with scam phrases',
    r_link_mismatch: 'a link shows another address than it opens', r_lookalike_domain: 'a link to a look-alike domain (mixed scripts)',
  },
};

const KEY = 'mailer.review.lang';
let lang = localStorage.getItem(KEY)
  || ((navigator.languages || [navigator.language]).map((l) => String(l).slice(0, 2)).find((l) => l in TEXTS))
  || 'de';

export function language() {
  return lang;
}

export function setLanguage(l) {
  if (l in TEXTS) {
    lang = l;
    localStorage.setItem(KEY, l);
  }
}

export function t(key) {
  return TEXTS[lang][key] ?? TEXTS.en[key] ?? key;
}

/** The text for {@code key}, or {@code fallback} where there is none (codes the page does not know yet). */
export function tOr(key, fallback) {
  return TEXTS[lang][key] ?? TEXTS.en[key] ?? fallback;
}

/** Every element with data-i18n gets its text in the current language (text only, never markup). */
export function translate(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
}
