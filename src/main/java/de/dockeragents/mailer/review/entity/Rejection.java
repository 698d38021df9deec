package de.dockeragents.mailer.review.entity;

/** A person's rejection of a draft; the reason is optional and goes to the audit trail. */
public record Rejection(String reason) {

    public static final int MAX_REASON = 500;

    public Rejection {
        reason = reason == null || reason.isBlank() ? null : reason.strip();
        if (reason != null && (reason.length() > MAX_REASON || reason.indexOf('\0') >= 0)) {
            throw Problem.invalid("reason", "reason must be at most " + MAX_REASON + " characters");
        }
    }
}
