-- A mail's language is one of its profile's (profile.properties languages=, each described by a file
-- in languages/) or 'other'; a reply's is one of the profile's. The profile data is the authority, so
-- the tables check the shape of a language code only, as they do for category names.

ALTER TABLE classification DROP CONSTRAINT classification_language_check;
ALTER TABLE classification ADD CONSTRAINT classification_language_check
    CHECK (language ~ '^[a-z]{2,3}$' OR language = 'other');

ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_language_check;
ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_language_check
    CHECK (language ~ '^[a-z]{2,3}$');
