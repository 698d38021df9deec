package de.dockeragents.mailer.review.boundary;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import de.dockeragents.mailer.review.control.Logins;
import de.dockeragents.mailer.review.entity.LoginOutcome;
import de.dockeragents.mailer.review.entity.Person;
import de.dockeragents.mailer.review.entity.SignedIn;

/**
 * Who is calling, for every request (Jakarta Security): the person of the caller's HTTP session, as
 * long as their login holds ({@link Logins#current}), else HTTP Basic for scripts, checked like a
 * page login and remembered in a new session. No token outside the server: logging out ends exactly
 * that session, and disabling a person or resetting their password ends all of theirs with their
 * next request. Without a login a protected path answers 401 with a Basic challenge.
 */
@ApplicationScoped
public class StaffAuthentication implements HttpAuthenticationMechanism {

    static final String SIGNED_IN = SignedIn.class.getName();

    @Inject
    Logins logins;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Basic basic = Basic.of(request.getHeader("Authorization"));
        HttpSession session = request.getSession(false);
        Person p = session == null ? null : sessionPerson(session);
        if (p != null && (basic == null || basic.user().equals(p.name()))) {
            return context.notifyContainerAboutLogin(p.name(), p.groups());
        }
        if (basic != null) {
            LoginOutcome outcome = logins.attempt(basic.user(), basic.password(), request.getRemoteAddr());
            if (outcome.ok()) {
                remember(request, outcome.person());
                return context.notifyContainerAboutLogin(
                        outcome.person().name(), outcome.person().groups());
            }
            if (outcome.locked()) {
                response.setHeader(
                        "Retry-After", String.valueOf(outcome.lockedFor().toSeconds() + 1));
            }
            return challenge(response, context);
        }
        return context.isProtected() ? challenge(response, context) : context.doNothing();
    }

    /** A new session for this person (a login never continues another's session). */
    void remember(HttpServletRequest request, Person person) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(SIGNED_IN, logins.signedIn(person));
    }

    /** The session's person while their login holds; a session whose login ended is ended. */
    private Person sessionPerson(HttpSession session) {
        Object value;
        try {
            value = session.getAttribute(SIGNED_IN);
        } catch (IllegalStateException e) {
            return null; // invalidated meanwhile
        }
        if (!(value instanceof SignedIn signedIn)) {
            return null;
        }
        Optional<Person> person = logins.current(signedIn);
        if (person.isEmpty()) {
            session.invalidate();
            return null;
        }
        return person.get();
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"mailer\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    /** The credentials of an {@code Authorization: Basic} header, or null. */
    record Basic(String user, String password) {

        static Basic of(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new Basic(
                    decoded.substring(0, colon).strip().toLowerCase(Locale.ROOT), decoded.substring(colon + 1));
        }

        @Override
        public String toString() {
            return user; // never the password
        }
    }
}
