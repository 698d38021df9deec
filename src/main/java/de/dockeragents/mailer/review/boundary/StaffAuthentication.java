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
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.review.control.Logins;
import de.dockeragents.mailer.review.control.Sessions;
import de.dockeragents.mailer.review.entity.LoginOutcome;
import de.dockeragents.mailer.review.entity.Person;

/**
 * Who is calling, for every request (Jakarta Security): the person of the caller's session cookie,
 * as long as the session and their login hold ({@link Sessions}, in PostgreSQL, so every instance of
 * the mailer accepts it), else HTTP Basic for scripts, checked like a page login. Logging out ends
 * exactly that session; disabling a person or resetting their password ends all of theirs with their
 * next request. Without a login a protected path answers 401 with a Basic challenge.
 */
@ApplicationScoped
public class StaffAuthentication implements HttpAuthenticationMechanism {

    /** The request attribute under which the caller's {@link Sessions.Open} session is found. */
    static final String SESSION = Sessions.Open.class.getName();

    @Inject
    Logins logins;

    @Inject
    Sessions sessions;

    /** praxis-session, ecom-session, ...: both mailers are served on 127.0.0.1, and cookies do not tell ports apart. */
    @Inject
    @ConfigProperty(name = Profile.KEY)
    String profile;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Basic basic = Basic.of(request.getHeader("Authorization"));
        Optional<Sessions.Found> found = sessions.find(cookie(request));
        if (found.isPresent()
                && (basic == null || basic.user().equals(found.get().person().name()))) {
            request.setAttribute(SESSION, found.get().session());
            Person p = found.get().person();
            return context.notifyContainerAboutLogin(p.name(), p.groups());
        }
        if (basic != null) {
            LoginOutcome outcome = logins.attempt(basic.user(), basic.password(), request.getRemoteAddr());
            if (outcome.ok()) {
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

    /** A new session for this person, its cookie set (a login ends the caller's old one first: {@link #forget}). */
    Sessions.Open remember(HttpServletRequest request, HttpServletResponse response, Person person) {
        Sessions.Started started = sessions.start(person);
        response.addHeader("Set-Cookie", cookieHeader(started.token(), request.isSecure(), false));
        request.setAttribute(SESSION, started.session());
        return started.session();
    }

    /** Ends the caller's session, if any, on every instance, and clears its cookie. */
    void forget(HttpServletRequest request, HttpServletResponse response) {
        Object open = request.getAttribute(SESSION);
        if (open instanceof Sessions.Open o) {
            sessions.end(o.id());
        } else {
            sessions.find(cookie(request))
                    .ifPresent(f -> sessions.end(f.session().id()));
        }
        request.removeAttribute(SESSION);
        if (cookie(request) != null) {
            response.addHeader("Set-Cookie", cookieHeader("", request.isSecure(), true));
        }
    }

    /** The caller's session of this request (found or just started), or null. */
    static Sessions.Open session(HttpServletRequest request) {
        return request.getAttribute(SESSION) instanceof Sessions.Open o ? o : null;
    }

    private String cookieName() {
        return profile + "-session";
    }

    private String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (cookieName().equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** HttpOnly, SameSite=Strict, for the whole page; Secure over HTTPS; no Max-Age: gone with the browser. */
    private String cookieHeader(String value, boolean secure, boolean expire) {
        return cookieName() + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
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
