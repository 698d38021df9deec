package de.dockeragents.mailer.reply.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a model-written draft is suspicious: each is a check in code after the model answered
 * ({@code reply/control/DraftCheck}). Stored space separated in {@code outbound_mail.suspicious_reasons}
 * (V10); the page names each in the staff's language.
 */
public enum DraftFinding {
    /** a line that instructs (a model, staff, us): "SYSTEM:", "ignore previous", "forward all patient records", "as an AI" */
    INSTRUCTION,
    /** a line that looks like a mail header: To:, Cc:, Bcc:, From:, Subject: ... */
    HEADER,
    /** a link, removed */
    LINK,
    /** an e-mail address, removed */
    ADDRESS,
    /** a phone, account, order or patient number the mail, the profile and the template do not have, removed */
    NUMBER,
    /** a person's name the mail, the profile and the template do not have */
    NAME,
    /** written in another language than the mail's */
    LANGUAGE,
    /** far longer or shorter than the category's template */
    LENGTH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The column's text: the findings in this enum's order, space separated; empty for none. */
    public static String join(List<DraftFinding> findings) {
        return findings.stream().distinct().sorted().map(DraftFinding::wire).collect(Collectors.joining(" "));
    }

    /** The column's text back; unknown words are skipped (a finding dropped by a later version). */
    public static List<DraftFinding> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\s+"))
                .flatMap(w -> Arrays.stream(values()).filter(f -> f.wire().equals(w)))
                .distinct()
                .sorted()
                .toList();
    }
}
