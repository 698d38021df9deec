package de.dockeragents.mailer.review.entity;

import java.util.List;

/**
 * Who is logged in, the CSRF token for their state-changing calls, and what the page needs to
 * start: the mailer's profile and its categories. Unauthenticated: only {@code authenticated=false}.
 */
public record SessionView(boolean authenticated, String user, Boolean admin, String csrfToken, String mailer,
        List<String> categories) {

    public static SessionView anonymous() {
        return new SessionView(false, null, null, null, null, null);
    }
}
