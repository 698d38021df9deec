package de.dockeragents.mailer.review.entity;

import java.util.Locale;

/** What a person did (V6's CHECK on review_audit.action). */
public enum AuditAction {
    APPROVE, REJECT, CORRECT_CATEGORY, REQUEUE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
