-- Fills the mailer's database with :n mails for the search benchmark (bench.SearchBenchmark):
-- two years of mail (ids from 1000), 40-60 words of German and English each from a vocabulary of 300, a sender
-- out of 5,000, one order number per mail, every 5th mail with an attachment, all classified; every 10th with a
-- reply (sent automatically; every 5,000th a draft waiting), every 100th with a category correction in the audit.
-- :first (the first id), :n (this block's size) and :total are replaced by the benchmark; statements end with a line holding only ";".
CREATE TEMP TABLE bench_vocab AS
SELECT row_number() OVER () - 1 AS i, w FROM unnest(string_to_array(
    'Termin Rezept Befund Überweisung Rechnung Praxis Arzt Ärztin Sprechstunde Blutwerte Labor Ergebnis Impfung '
    'Krankenkasse Versicherung Straße Hausbesuch Rückruf Schmerzen Fieber Husten Allergie Medikament Tabletten '
    'Dosierung Nebenwirkung Krankschreibung Arbeitsunfähigkeit Bescheinigung Attest Physiotherapie Massage '
    'Röntgen Ultraschall MRT Facharzt Kardiologe Orthopäde Hautarzt Zahnarzt Notfall Wochenende Urlaub Vertretung '
    'Öffnungszeiten Montag Dienstag Mittwoch Donnerstag Freitag Samstag morgen heute gestern nächste Woche '
    'bitte danke freundlichen Grüßen Frau Herr Kind Tochter Sohn Mutter Vater Großmutter Familie Adresse '
    'Telefonnummer erreichbar verschieben absagen bestätigen Bestätigung Anfrage Frage Antwort dringend wichtig '
    'Bestellung Lieferung Versand Paket Sendungsnummer Rücksendung Retoure Umtausch Erstattung Gutschein Rabatt '
    'Zahlung Überweisungsträger Lastschrift Kreditkarte PayPal Mahnung Kundennummer Artikel Größe Farbe Schuhe '
    'Jacke Hose Kleid Hemd Tasche Geschenk Verpackung beschädigt defekt fehlt falsch Lieferadresse Lieferzeit '
    'order delivery shipping parcel tracking return refund exchange voucher discount payment invoice receipt '
    'customer account password login size colour shoes jacket trousers dress shirt bag gift package damaged '
    'broken missing wrong address appointment prescription results doctor practice insurance certificate '
    'vaccination allergy medication pain fever cough emergency weekend holiday opening hours Monday Tuesday '
    'Wednesday Thursday Friday tomorrow today yesterday next week please thanks regards Mrs Mr child daughter '
    'son mother father family phone number reachable reschedule cancel confirm confirmation request question '
    'answer urgent important Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer '
    'Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange '
    'Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber '
    'Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger '
    'Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher '
    'Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler '
    'Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer', ' ')) AS w
;
CREATE TEMP TABLE bench_attach AS
SELECT row_number() OVER () - 1 AS i, w FROM unnest(string_to_array(
    'Rechnung Überweisung Befund Laborbericht Rezept Foto Scan Bestellbestätigung Lieferschein Retourenschein '
    'Arztbrief Versicherungskarte Bescheinigung invoice receipt photo scan report', ' ')) AS w
;
INSERT INTO mail_message (id, folder, uid_validity, uid, dedupe_key, status, from_addr, to_addrs, subject,
    text_body, message_id, size_bytes, received_at, attachment_count, attachment_names)
SELECT g, 'INBOX', 1, g, 'bench-' || g, 'STORED',
    s.name || ' <' || lower(s.name) || '.' || (g % 5000) || '@kunde-' || (g % 97) || '.example>',
    'praxis@example.org',
    (SELECT string_agg(v.w, ' ') FROM bench_vocab v
        WHERE v.i IN ((g * 7) % 299, (g * 13 + 5) % 299, (g * 31 + 11) % 299)) || ' B-' || g,
    (SELECT string_agg(v.w, ' ') FROM generate_series(1, 40 + g % 21) k
        JOIN bench_vocab v ON v.i = ((g * 2654435761 + k * 40503) % 299)),
    '<bench-' || g || '@kunde.example>', 2000,
    now() - make_interval(secs => (:total - (g - 1000)) * (63072000.0 / :total)),
    CASE WHEN g % 5 = 0 THEN 1 ELSE 0 END,
    -- the attachment's name as the attachment component puts it on the mail's row (V25), the same as below
    CASE WHEN g % 5 = 0 THEN (SELECT a.w FROM bench_attach a WHERE a.i = g % 19) || '_' || g || '.pdf' END
FROM generate_series(:first, :first + :n - 1) g
CROSS JOIN LATERAL (SELECT w AS name FROM bench_vocab WHERE i = 199 + (g * 17) % 100) s
;
INSERT INTO attachment (mail_id, part_path, original_name, file_name, detected_type, size_bytes, outcome,
    virus_scan_status, path, received_at)
SELECT m.id, '2', a.w || '_' || m.id || '.pdf', a.w || '_' || m.id || '.pdf', 'application/pdf', 50000,
    'STORED', 'clean', 'bench/' || m.id || '.pdf', m.received_at
FROM mail_message m JOIN bench_attach a ON a.i = m.id % 19
WHERE m.id BETWEEN :first AND :first + :n - 1 AND m.attachment_count = 1
;
INSERT INTO classification (mail_id, category, priority, language, summary, needs_reply, confidence,
    classified_by, model, ai_outcome, duration_ms, created_at, updated_at)
SELECT id, (ARRAY['appointment_new','prescription','results_question','admin','other','emergency'])[1 + id % 6],
    CASE WHEN id % 50 = 0 THEN 'urgent' WHEN id % 7 = 0 THEN 'high' WHEN id % 3 = 0 THEN 'low' ELSE 'normal' END,
    'de', 'Benchmark', id % 2 = 0, 0.9, 'ai', 'bench', 'ok', 5, received_at, received_at
FROM mail_message WHERE id BETWEEN :first AND :first + :n - 1
;
INSERT INTO outbound_mail (id, mail_id, kind, status, recipient, recipient_key, subject, body, language, message_id,
    auto_submitted, created_at, updated_at, sent_at)
SELECT id, id, CASE WHEN id % 5000 = 0 THEN 'ai_draft' ELSE 'template_auto' END,
    CASE WHEN id % 5000 = 0 THEN 'DRAFT' ELSE 'SENT' END,
    'kunde.' || id % 5000 || '@kunde-' || id % 97 || '.example', md5(id::text) || md5(id::text),
    'Re: ' || left(subject, 80), 'Vielen Dank für Ihre Nachricht.', 'de', '<bench-reply-' || id || '@praxis.example>',
    id % 5000 <> 0, received_at, received_at, CASE WHEN id % 5000 = 0 THEN NULL ELSE received_at END
FROM mail_message WHERE id BETWEEN :first AND :first + :n - 1 AND id % 10 = 0
;
INSERT INTO review_audit (at, actor, action, mail_id, old_value, new_value)
SELECT received_at + interval '1 hour', 'staff', 'correct_category', id, 'other', 'admin'
FROM mail_message WHERE id BETWEEN :first AND :first + :n - 1 AND id % 100 = 0
;
