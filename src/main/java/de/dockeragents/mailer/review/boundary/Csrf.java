package de.dockeragents.mailer.review.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import de.dockeragents.mailer.review.control.Sessions;

/**
 * The synchronizer token of a session (OWASP's CSRF pattern): random, kept with the session in
 * PostgreSQL (so every instance of the mailer accepts it), handed to the page by GET /api/session, and
 * required as the X-CSRF-Token header of every state-changing call. Another site can make a browser
 * send the cookies, not this header.
 */
final class Csrf {

    static final String HEADER = "X-CSRF-Token";

    private Csrf() {}

    static boolean matches(Sessions.Open session, String presented) {
        if (session == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
