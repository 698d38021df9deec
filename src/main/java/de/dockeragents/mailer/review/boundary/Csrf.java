package de.dockeragents.mailer.review.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpSession;

/**
 * The synchronizer token of a session (OWASP's CSRF pattern): random, kept in the HTTP session,
 * handed to the page by GET /api/session, and required as the X-CSRF-Token header of every
 * state-changing call. Another site can make a browser send the cookies, not this header.
 */
final class Csrf {

    static final String HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = Csrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {}

    /** The session's token, made on first use. */
    static String token(HttpSession session) {
        synchronized (session) {
            String token = (String) session.getAttribute(ATTRIBUTE);
            if (token == null) {
                byte[] b = new byte[32];
                RANDOM.nextBytes(b);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                session.setAttribute(ATTRIBUTE, token);
            }
            return token;
        }
    }

    static boolean matches(HttpSession session, String presented) {
        if (session == null || presented == null) {
            return false;
        }
        String token = (String) session.getAttribute(ATTRIBUTE);
        return token != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
