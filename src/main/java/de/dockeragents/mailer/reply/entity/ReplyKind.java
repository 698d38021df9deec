package de.dockeragents.mailer.reply.entity;

import java.util.Locale;

/**
 * How an outbound mail came about; only TEMPLATE_AUTO may leave without a person's approval. STAFF_REPLY:
 * a person wrote it on the page and approved it as they sent it.
 */
public enum ReplyKind {
    TEMPLATE_AUTO,
    TEMPLATE_DRAFT,
    AI_DRAFT,
    STAFF_REPLY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean automatic() {
        return this == TEMPLATE_AUTO;
    }
}
