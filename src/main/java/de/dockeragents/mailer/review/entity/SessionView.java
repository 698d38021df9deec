package de.dockeragents.mailer.review.entity;

import java.util.List;
import java.util.Map;

/**
 * Who is logged in, the CSRF token for their state-changing calls, and what the page needs to
 * start: the mailer's profile, its categories and their names as staff know them from the mailbox's
 * labels. Unauthenticated: only {@code authenticated=false}.
 */
public record SessionView(
        boolean authenticated,
        String user,
        Boolean admin,
        String csrfToken,
        String mailer,
        List<String> categories,
        Map<String, String> categoryNames) {

    public static SessionView anonymous() {
        return new SessionView(false, null, null, null, null, null, null);
    }
}
