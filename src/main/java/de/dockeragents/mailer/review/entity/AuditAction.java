package de.dockeragents.mailer.review.entity;

import java.util.Locale;

/** What a person did (the CHECK on review_audit.action, V6 and V10). */
public enum AuditAction {
    APPROVE,
    REJECT,
    CORRECT_CATEGORY,
    REQUEUE,
    /** approved a draft the check in code flagged as suspicious, knowingly */
    CONFIRM_SUSPICIOUS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
