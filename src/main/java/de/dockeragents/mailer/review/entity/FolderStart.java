package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * How the mailer began reading a folder, for the page: {@code initialImport} as configured then (none, all,
 * since:&lt;duration&gt;, or before_v8 for folders read before it was recorded), why ({@code first_start} or
 * {@code uidvalidity_change}), when, and how many of its mails are history (stored and classified, never
 * answered automatically).
 */
public record FolderStart(
        String folder,
        String initialImport,
        String startReason,
        Instant startedAt,
        Instant historySince,
        long historyMails) {}
