package de.dockeragents.mailer.review.entity;

import java.util.Locale;
import java.util.Set;

import de.dockeragents.mailer.triage.entity.Priority;

/**
 * The priority inbox's filters; null means any. {@code status} is the state of the mail's reply
 * (an outbound_mail status, or NONE for mail without one).
 */
public record InboxFilter(String category, String priority, Boolean needsReply, String status) {

    public static final Set<String> PRIORITIES = Set.copyOf(Priority.wires());
    public static final Set<String> STATUSES =
            Set.of("DRAFT", "REJECTED", "PENDING", "SENDING", "SENT", "FAILED", "DEAD", "NONE");

    /** From the query parameters as sent; categories are checked against the profile's. */
    public static InboxFilter of(
            String category, String priority, String needsReply, String status, Set<String> categories) {
        String c = blankToNull(category);
        if (c != null && !categories.contains(c)) {
            throw Problem.invalid(
                    "category",
                    "unknown category; known: "
                            + String.join(", ", categories.stream().sorted().toList()));
        }
        String p = blankToNull(priority);
        if (p != null && !PRIORITIES.contains(p = p.toLowerCase(Locale.ROOT))) {
            throw Problem.invalid("priority", "priority must be one of " + String.join(", ", Priority.wires()));
        }
        Boolean n = null;
        String nr = blankToNull(needsReply);
        if (nr != null) {
            if (!nr.equals("true") && !nr.equals("false")) {
                throw Problem.invalid("needsReply", "needsReply must be true or false");
            }
            n = Boolean.valueOf(nr);
        }
        String s = blankToNull(status);
        if (s != null && !STATUSES.contains(s = s.toUpperCase(Locale.ROOT))) {
            throw Problem.invalid(
                    "status",
                    "status must be one of "
                            + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return new InboxFilter(c, p, n, s);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
