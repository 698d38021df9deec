package de.dockeragents.mailer.reply.control;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetHeaders;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * RFC 3834 and common practice: no reply to mail that was itself sent automatically (Auto-Submitted
 * other than "no", the usual auto-responder headers), to bulk and list mail, to bounces and delivery
 * reports, to system senders, or to ourselves. The per-sender daily cap is the store's part.
 */
public final class LoopGuard {

    private static final Pattern SYSTEM_SENDER = Pattern.compile(
            "^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|noreply-[^@]*|bounces?(\\+[^@]*)?|listserv|majordomo|owner-[^@]+|[^@]+-request|[^@]+-bounces?)@",
            Pattern.CASE_INSENSITIVE);

    private final Set<String> ownAddresses;

    /** {@code ownAddresses}: our mailbox and its aliases, lower case. */
    public LoopGuard(Set<String> ownAddresses) {
        this.ownAddresses = ownAddresses;
    }

    public Optional<SuppressReason> check(MailFacts mail, String recipient) {
        InternetHeaders h = mail.headerFields();
        String autoSubmitted = first(mail.autoSubmitted(), h.getHeader("Auto-Submitted", ","));
        if (autoSubmitted != null
                && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of(SuppressReason.AUTO_SUBMITTED);
        }
        if (h.getHeader("X-Autoreply") != null
                || h.getHeader("X-Autorespond") != null
                || h.getHeader("X-Auto-Response-Suppress", ",") != null
                        && h.getHeader("X-Auto-Response-Suppress", ",")
                                .toLowerCase(Locale.ROOT)
                                .matches(".*\\b(all|oof|autoreply)\\b.*")) {
            return Optional.of(SuppressReason.AUTO_SUBMITTED);
        }
        String precedence = first(mail.precedence(), h.getHeader("Precedence", ","));
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk")) {
            return Optional.of(SuppressReason.PRECEDENCE);
        }
        if (mail.listId() != null
                || mail.listUnsubscribe()
                || h.getHeader("List-Id") != null
                || h.getHeader("List-Unsubscribe") != null
                || h.getHeader("List-Post") != null) {
            return Optional.of(SuppressReason.MAILING_LIST);
        }
        if (bounce(h)) {
            return Optional.of(SuppressReason.BOUNCE);
        }
        String sender = Addresses.first(mail.from()).orElse("");
        if (SYSTEM_SENDER.matcher(sender).find()
                || (recipient != null && SYSTEM_SENDER.matcher(recipient).find())) {
            return Optional.of(SuppressReason.NO_REPLY_SENDER);
        }
        if (recipient == null) {
            return Optional.of(SuppressReason.NO_RECIPIENT);
        }
        if (ownAddresses.contains(recipient) || ownAddresses.contains(sender)) {
            return Optional.of(SuppressReason.OWN_ADDRESS);
        }
        return Optional.empty();
    }

    /** Null return path ({@code <>}) or a delivery/disposition report. */
    static boolean bounce(InternetHeaders h) {
        String returnPath = h.getHeader("Return-Path", ",");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return true;
        }
        String type = h.getHeader("Content-Type", " ");
        return type != null
                && type.toLowerCase(Locale.ROOT)
                        .replaceAll("\\s", "")
                        .matches("multipart/report;.*report-type=\"?(delivery-status|disposition-notification)\"?.*");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
