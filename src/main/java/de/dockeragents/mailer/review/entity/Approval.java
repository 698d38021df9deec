package de.dockeragents.mailer.review.entity;

/**
 * A person's approval of a draft, with the text as they edited it. The subject becomes a header:
 * one line. Null subject keeps the draft's. {@code confirmSuspicious}: the person saw that the draft
 * was flagged as suspicious and approves it anyway (required for such a draft, audited).
 */
public record Approval(String subject, String body, boolean confirmSuspicious) {

    public static final int MAX_SUBJECT = 998;
    public static final int MAX_BODY = 100_000;

    public Approval {
        if (subject != null) {
            subject = subject.strip();
            if (subject.isEmpty()
                    || subject.length() > MAX_SUBJECT
                    || subject.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw Problem.invalid("subject", "subject must be one line of 1 to " + MAX_SUBJECT + " characters");
            }
        }
        if (body == null || body.isBlank()) {
            throw Problem.invalid("body", "body is required and must not be empty");
        }
        if (body.length() > MAX_BODY) {
            throw Problem.invalid("body", "body must be at most " + MAX_BODY + " characters");
        }
        if (body.indexOf('\0') >= 0) {
            throw Problem.invalid("body", "body must not contain NUL characters");
        }
    }

    /** An approval without confirming a suspicious draft. */
    public Approval(String subject, String body) {
        this(subject, body, false);
    }
}
