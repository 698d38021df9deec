-- Full-text search for the staff page (docs/review.md#search): subject, text, sender and
-- attachment names, in German and English, with umlaut and ß variants folded away.

-- Calls between our functions name the schema: PostgreSQL 17+ builds and maintains indexes with a
-- search_path of pg_catalog only.

-- One spelling for the variants people type: Ü/ü/ue -> u, Ä/ä/ae -> a, Ö/ö/oe -> o, ß -> ss, other
-- accents dropped, lower case. Applied to the text and to the query alike, so "Überweisung",
-- "ueberweisung" and "uberweisung" meet as "uberweisung" and "Straße" as "strasse". Plain SQL (no
-- unaccent extension needed) and IMMUTABLE, so an index can be built on it.
CREATE FUNCTION mail_search_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT replace(replace(replace(lower(translate(replace(replace(t, 'ß', 'ss'), 'ẞ', 'ss'),
        'ÄÖÜäöüÀÁÂÃÅàáâãåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕØòóôõøÙÚÛùúûÝýÿÇçÑñ',
        'aouaouaaaaaaaaaaeeeeeeeeiiiiiiiiooooooooooouuuuuuyyyccnn')),
    'ae', 'a'), 'oe', 'o'), 'ue', 'u')
$$;

-- The text as both German and English stems. The sender is taken whole and split at @ and dots,
-- so it is found by its name, its whole address, the address's parts or its domain's words. The text is cut at 64 KiB: a tsvector must stay
-- under 1 MB, and what matters in a mail is rarely further down.
CREATE FUNCTION mail_search_vector(t text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT to_tsvector('german'::regconfig, ${flyway:defaultSchema}.mail_search_fold(coalesce(t, '')))
    || to_tsvector('english'::regconfig, ${flyway:defaultSchema}.mail_search_fold(coalesce(t, '')))
$$;

-- A person's words as a query over both languages' stems (web search syntax: "a phrase", -not, or).
CREATE FUNCTION mail_search_query(q text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT websearch_to_tsquery('german'::regconfig, ${flyway:defaultSchema}.mail_search_fold(q))
    || websearch_to_tsquery('english'::regconfig, ${flyway:defaultSchema}.mail_search_fold(q))
$$;

-- Computed by PostgreSQL on every insert and update: no component writes it, and the inbox's
-- rows stay the inbox's.
ALTER TABLE mail_message ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (
    setweight(mail_search_vector(subject), 'A')
    || setweight(mail_search_vector(from_addr || ' ' || translate(from_addr, '@<>."', '     ')), 'B')
    || mail_search_vector(left(coalesce(text_body, html_text), 65536))
) STORED;

CREATE INDEX mail_message_search_ix ON mail_message USING gin (search_doc);

-- An attachment's name as words: split at dots, dashes and underscores, without its extension (a
-- search for "pdf" would otherwise match most attachments and no mail in particular).
CREATE FUNCTION mail_search_name(name text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT ${flyway:defaultSchema}.mail_search_vector(translate(regexp_replace(coalesce(name, ''), '[.][^.]{1,8}$', ''), '._-', '   '))
$$;

-- An expression index on the attachment component's table (no new column there): the name as
-- sent, else the sanitised one.
CREATE INDEX attachment_name_search_ix ON attachment USING gin (mail_search_name(coalesce(original_name, file_name)));
