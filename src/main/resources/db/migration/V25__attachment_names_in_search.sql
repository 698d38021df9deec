-- Attachment names move into the mail's own search document (docs/review.md#search). Until now a
-- search matched them through an expression index on the attachment table (V16), so a name on 1 %
-- of mail was counted by reading every matching attachment and then each of its mails; with the
-- names on the mail row a search is one walk of one GIN index.
--
-- attachment_names: the names of a mail's attachments as the attachment component records them
-- (the name as sent, else the sanitised one), one per line; written by that component when it has
-- read the mail's attachments (AttachmentRepository.finish), NULL before that and for mail without.
--
-- The table is rewritten once (search_doc dropped and computed again with the names); measured at
-- 1,000,000 mails in docs/benchmarks.md. search_doc is dropped first so that filling the names does
-- not compute the old document again for every mail with attachments.

DROP INDEX attachment_name_search_ix;
ALTER TABLE mail_message DROP COLUMN search_doc;
DROP FUNCTION mail_search_name(text);

ALTER TABLE mail_message ADD COLUMN attachment_names text;
UPDATE mail_message m SET attachment_names = a.names
FROM (SELECT mail_id, string_agg(coalesce(original_name, file_name), E'\n' ORDER BY id) AS names
      FROM attachment GROUP BY mail_id) a
WHERE a.mail_id = m.id;

-- Names as words: split at dots, dashes and underscores, each without its extension (a search for
-- "pdf" would otherwise match most attachments and no mail in particular).
CREATE FUNCTION mail_search_names(names text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT ${flyway:defaultSchema}.mail_search_vector(
    translate(regexp_replace(coalesce(names, ''), '[.][^.\n]{1,8}(\n|$)', ' ', 'g'), E'._-\n', '    '))
$$;

-- As in V16, with the names added (weight C).
ALTER TABLE mail_message ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (
    setweight(mail_search_vector(subject), 'A')
    || setweight(mail_search_vector(from_addr || ' ' || translate(from_addr, '@<>."', '     ')), 'B')
    || setweight(mail_search_names(attachment_names), 'C')
    || mail_search_vector(left(coalesce(text_body, html_text), 65536))
) STORED;

CREATE INDEX mail_message_search_ix ON mail_message USING gin (search_doc);
