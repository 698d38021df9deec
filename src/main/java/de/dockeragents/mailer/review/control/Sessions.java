package de.dockeragents.mailer.review.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.Person;
import de.dockeragents.mailer.review.entity.SignedIn;

/**
 * The review_session table: the page's logins, shared by every instance of a mailer on one database
 * (docs/scaling.md). A login gets a random token, which only the browser's cookie holds (the table
 * keeps its SHA-256), and a CSRF token of its own. A session ends on logout (its row is deleted, on
 * every instance at once), after {@code review.session.timeout} unused, or when the person's login
 * no longer holds ({@link Logins#current}: disabled, new password, {@code review.login.expiration}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Sessions {

    /** How often a session's last use is written at most: one UPDATE a minute, not one per request. */
    static final long TOUCH_SECONDS = 60;

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    Logins logins;

    @Inject
    LoginSettings settings;

    Clock clock = Clock.systemUTC();

    /** An open session: who, since when, and its CSRF token. */
    public record Open(long id, SignedIn signedIn, String csrfToken, Instant lastSeen) {}

    /** What a new session hands out: the cookie's value (never stored) and the session. */
    public record Started(String token, Open session) {
        @Override
        public String toString() {
            return "session " + session.id(); // never the token
        }
    }

    /** A new session for this person; ended sessions of anyone are cleared on the way. */
    public Started start(Person person) {
        Instant now = clock.instant();
        em.createNativeQuery("DELETE FROM review_session WHERE last_seen_at < ?1 OR created_at < ?2")
                .setParameter(1, Timestamp.from(now.minus(settings.idle())))
                .setParameter(2, Timestamp.from(now.minus(settings.maxAge())))
                .executeUpdate();
        String token = random();
        String csrf = random();
        SignedIn signedIn = new SignedIn(person.id(), person.generation(), now);
        Number id = (Number) em.createNativeQuery(
                        "INSERT INTO review_session (token_hash, person_id, generation, csrf_token, created_at,"
                                + " last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id")
                .setParameter(1, hash(token))
                .setParameter(2, person.id())
                .setParameter(3, person.generation())
                .setParameter(4, csrf)
                .setParameter(5, Timestamp.from(now))
                .getSingleResult();
        return new Started(token, new Open(id.longValue(), signedIn, csrf, now));
    }

    /**
     * The session of this cookie value and its person, while both hold; an ended one is deleted.
     * Its last use is renewed at most once a {@link #TOUCH_SECONDS minute}.
     */
    public Optional<Found> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery(
                        "SELECT id, person_id, generation, csrf_token, created_at, last_seen_at FROM review_session"
                                + " WHERE token_hash = ?1")
                .setParameter(1, hash(token))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        long id = ((Number) r[0]).longValue();
        Instant lastSeen = Rows.instant(r[5]);
        Open open = new Open(
                id,
                new SignedIn(((Number) r[1]).longValue(), ((Number) r[2]).intValue(), Rows.instant(r[4])),
                (String) r[3],
                lastSeen);
        Instant now = clock.instant();
        Optional<Person> person =
                lastSeen.plus(settings.idle()).isBefore(now) ? Optional.empty() : logins.current(open.signedIn());
        if (person.isEmpty()) {
            end(id);
            return Optional.empty();
        }
        if (lastSeen.plusSeconds(TOUCH_SECONDS).isBefore(now)) {
            em.createNativeQuery("UPDATE review_session SET last_seen_at = ?2 WHERE id = ?1")
                    .setParameter(1, id)
                    .setParameter(2, Timestamp.from(now))
                    .executeUpdate();
        }
        return Optional.of(new Found(open, person.get()));
    }

    /** A session and the person it belongs to. */
    public record Found(Open session, Person person) {}

    /** Ends one session, on every instance. */
    public void end(long id) {
        em.createNativeQuery("DELETE FROM review_session WHERE id = ?1")
                .setParameter(1, id)
                .executeUpdate();
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
