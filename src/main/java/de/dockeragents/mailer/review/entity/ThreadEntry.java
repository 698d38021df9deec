package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * One message of a conversation: a mail we received ({@code in}, with its {@code mailId}) or our
 * reply to one ({@code out}, with its {@code outboundId}, {@code status} and text).
 */
public record ThreadEntry(
        String direction,
        Long mailId,
        Long outboundId,
        String subject,
        String from,
        String to,
        Instant at,
        String status,
        String text) {}
