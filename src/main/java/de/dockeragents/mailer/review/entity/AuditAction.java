package de.dockeragents.mailer.review.entity;

import java.util.Locale;

/** What a person did (the CHECK on review_audit.action, V6, V10, V20 and V21). */
public enum AuditAction {
    APPROVE,
    REJECT,
    CORRECT_CATEGORY,
    REQUEUE,
    /** approved a draft the check in code flagged as suspicious, knowingly */
    CONFIRM_SUSPICIOUS,
    /** an admin added a person (new_value: the name, detail: the role) */
    PERSON_ADD,
    PERSON_DISABLE,
    PERSON_ENABLE,
    /** an admin set a new password for a person (never the password itself) */
    PERSON_PASSWORD,
    /** a person wrote their own reply to a mail and sent it (queued and approved at once) */
    REPLY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
