-- Spam, phishing and bulk signals (docs/triage-and-replies.md). What ingest found that a later
-- reader could not find again cheaply: links whose text shows another domain than their target
-- (from the HTML part) and the server's junk marks (IMAP keywords, Gmail's spam label), one signal
-- per line as 'code detail'. And why the reply planner refused any reply, shown to staff.

ALTER TABLE mail_message
    ADD COLUMN spam_hints TEXT CHECK (spam_hints IS NULL OR char_length(spam_hints) <= 2000);

ALTER TABLE classification
    ADD COLUMN reply_reasons TEXT CHECK (reply_reasons IS NULL OR char_length(reply_reasons) <= 4000);
