-- The conversation view (docs/review.md#conversation): the Message-IDs a mail names (its own, its
-- In-Reply-To, its References) as an array with a GIN index, so the mails that share any of them
-- with a given mail are found without reading the mailbox.
CREATE FUNCTION mail_thread_keys(message_id text, in_reply_to text, refs text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT array_remove(regexp_split_to_array(
    coalesce(refs, '') || ' ' || coalesce(in_reply_to, '') || ' ' || coalesce(message_id, ''), '[\s,]+'), '')
$$;

CREATE INDEX mail_message_thread_ix ON mail_message USING gin (mail_thread_keys(message_id, in_reply_to, references_hdr));
