package de.dockeragents.mailer.reply.entity;

import java.util.Locale;

/** How an outbound mail came about; only TEMPLATE_AUTO may leave without a person's approval. */
public enum ReplyKind {
    TEMPLATE_AUTO,
    TEMPLATE_DRAFT,
    AI_DRAFT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean automatic() {
        return this == TEMPLATE_AUTO;
    }
}
