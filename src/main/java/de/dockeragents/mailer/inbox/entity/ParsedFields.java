package de.dockeragents.mailer.inbox.entity;

import java.time.OffsetDateTime;

/**
 * What the parser reads out of a message; every text is already free of NUL characters.
 * {@code spamHints}: what the HTML part's links give away (spam signals, one per line), or null.
 * {@code malformed} is null for well-formed MIME, else why the strict reading refused the body that was
 * then read leniently.
 */
public record ParsedFields(
        String messageId,
        String from,
        String replyTo,
        String to,
        String cc,
        String subject,
        OffsetDateTime sentAt,
        String textBody,
        String htmlText,
        String inReplyTo,
        String references,
        String autoSubmitted,
        String precedence,
        String listId,
        boolean listUnsubscribe,
        int attachmentCount,
        String spamHints,
        String malformed) {}
