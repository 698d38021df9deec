package de.dockeragents.mailer.review.entity;

import java.time.Instant;
import java.util.List;

/**
 * The reply of a mail as queued in outbound_mail. The recipient was chosen by code and is shown,
 * never changed, here. {@code suspicious}: the check in code after generation found
 * {@code suspiciousReasons} (instruction, header, link, address, number, name, language, length) in
 * the model's text; approving it needs {@code "confirmSuspicious": true}. {@code sentFromMailbox}: someone
 * sent its copy from the mailbox's Drafts folder (found in the Sent folder); it is SENT and never sent by us.
 */
public record Draft(
        long id,
        String kind,
        String status,
        String recipient,
        String subject,
        String body,
        String language,
        Instant createdAt,
        String approvedBy,
        Instant approvedAt,
        Instant sentAt,
        int attempts,
        String lastError,
        boolean suspicious,
        List<String> suspiciousReasons,
        boolean sentFromMailbox) {}
