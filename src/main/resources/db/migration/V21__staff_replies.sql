-- Answer any mail from the page (docs/review.md#answering-any-mail): a person writes the reply
-- ('staff_reply'); it is queued and approved by that person in one transaction, through the same
-- path as a draft, so it needs approved_at like every other reply that is not automatic. Still one
-- reply per mail (outbound_mail_reply_once_ux): a second submit of the same reply finds the first.
ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check;
ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
    CHECK (kind IN ('template_auto', 'template_draft', 'ai_draft', 'staff_reply'));

-- a person's own reply is audited as such (who wrote it; the text stays in outbound_mail)
ALTER TABLE review_audit DROP CONSTRAINT review_audit_action_check;
ALTER TABLE review_audit ADD CONSTRAINT review_audit_action_check
    CHECK (action IN ('approve', 'reject', 'correct_category', 'requeue', 'confirm_suspicious',
                      'person_add', 'person_disable', 'person_enable', 'person_password', 'reply'));

-- a draft's copy that someone sent from the mailbox's Drafts folder itself (found in the Sent
-- folder by its Message-ID): the queue row is then SENT and never sent by us
ALTER TABLE draft_copy ADD COLUMN sent_in_mailbox_at TIMESTAMPTZ;
