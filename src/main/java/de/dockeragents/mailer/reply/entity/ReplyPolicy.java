package de.dockeragents.mailer.reply.entity;

import java.util.Locale;

/** What happens to a mail of a category: nothing, a fixed template (sent or drafted), or an AI draft. */
public enum ReplyPolicy {
    NONE,
    TEMPLATE_AUTO,
    TEMPLATE_DRAFT,
    AI_DRAFT;

    public static ReplyPolicy of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
