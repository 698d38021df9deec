package de.dockeragents.mailer.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The mailer's OAuth2 access token, shared by every IMAP and SMTP login: fetched with the refresh token,
 * kept, and fetched again {@code refresh-margin} before it expires (at most half its lifetime before, so
 * a server that grants tokens for seconds still gets them used) or when a server rejects it. A rotated
 * refresh token from the endpoint (Microsoft sends one with every grant) is used from then on, and kept in
 * {@code mailer.oauth.rotation-store} where one is configured ({@link RefreshTokenStore}). After a
 * failed attempt the endpoint is asked again at most every {@link #RETRY_AFTER}; meanwhile a token that
 * has not expired yet is still handed out. Tokens never leave this class except to log in.
 */
public final class AccessTokens {

    /** What readiness and the metrics show: {@code refused} only for the endpoint's final no. */
    public record Status(boolean refused, boolean valid, String reason, Instant expiresAt, long grants) {}

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final TokenEndpoint endpoint;
    private final Duration margin;
    private final Clock clock;
    private final RefreshTokenStore store;
    private String refreshToken;
    private TokenEndpoint.Grant grant;
    private Instant useUntil = Instant.MIN;
    private TokenRefusal failure;
    private Instant failedAt = Instant.MIN;
    private long grants;

    public AccessTokens(OAuthSettings s) {
        this(
                new TokenEndpoint(s.tokenEndpoint(), s.clientId(), s.clientSecret()),
                s.refreshToken(),
                s.refreshMargin(),
                Clock.systemUTC(),
                s.rotationStore() == null ? null : new RefreshTokenStore(s.rotationStore(), s.refreshToken()));
    }

    AccessTokens(TokenEndpoint endpoint, String refreshToken, Duration margin, Clock clock) {
        this(endpoint, refreshToken, margin, clock, null);
    }

    AccessTokens(TokenEndpoint endpoint, String refreshToken, Duration margin, Clock clock, RefreshTokenStore store) {
        this.endpoint = endpoint;
        this.store = store;
        this.refreshToken = store == null ? refreshToken : store.initial();
        this.margin = margin;
        this.clock = clock;
    }

    /** A token to log in with: the kept one while it is fresh, otherwise a new one. */
    public synchronized String current() throws TokenRefusal {
        Instant now = clock.instant();
        if (grant != null && now.isBefore(useUntil)) {
            return grant.accessToken();
        }
        return refresh(now);
    }

    /**
     * A server rejected {@code rejected}: a new token, unless another login fetched one since. The endpoint is
     * asked at once, whatever the last failure: a rejected login is worth one immediate attempt.
     */
    public synchronized String renew(String rejected) throws TokenRefusal {
        Instant now = clock.instant();
        if (grant != null && !grant.accessToken().equals(rejected) && now.isBefore(useUntil)) {
            return grant.accessToken();
        }
        grant = null;
        failedAt = Instant.MIN;
        return refresh(now);
    }

    public synchronized Status status() {
        Instant now = clock.instant();
        boolean valid = grant != null && now.isBefore(grant.expiresAt());
        String reason = failure != null ? failure.getMessage() : grant == null ? "no token fetched yet" : "ok";
        return new Status(
                failure != null && failure.refused(), valid, reason, grant == null ? null : grant.expiresAt(), grants);
    }

    private String refresh(Instant now) throws TokenRefusal {
        if (failure == null || !now.isBefore(failedAt.plus(RETRY_AFTER))) {
            try {
                TokenEndpoint.Grant fresh = endpoint.refresh(refreshToken, now);
                Duration lifetime = fresh.lifetime();
                Duration early = margin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : margin;
                grant = fresh;
                useUntil = fresh.expiresAt().minus(early);
                if (store != null && !fresh.refreshToken().equals(refreshToken)) {
                    store.keep(fresh.refreshToken());
                }
                refreshToken = fresh.refreshToken();
                failure = null;
                grants++;
                return fresh.accessToken();
            } catch (TokenRefusal e) {
                failure = e;
                failedAt = now;
            }
        }
        if (grant != null && now.isBefore(grant.expiresAt())) {
            return grant.accessToken();
        }
        throw failure;
    }
}
