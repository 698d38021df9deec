package de.dockeragents.mailer.platform.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.LocalTokenEndpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token cache against a real local token endpoint, on a clock the test moves. */
class AccessTokensTest {

    private final LocalTokenEndpoint server = new LocalTokenEndpoint("rt-start");
    private final MovableClock clock = new MovableClock();

    @AfterEach
    void stop() {
        server.close();
    }

    private AccessTokens tokens(Duration margin) {
        return new AccessTokens(
                new TokenEndpoint(server.uri(), LocalTokenEndpoint.CLIENT_ID, LocalTokenEndpoint.CLIENT_SECRET),
                server.refreshToken(),
                margin,
                clock);
    }

    @Test
    void aTokenIsKeptUntilTheMarginBeforeItsExpiryThenReplaced() throws TokenRefusal {
        server.lifetime(3600);
        AccessTokens t = tokens(Duration.ofMinutes(5));
        String first = t.current();
        clock.advance(Duration.ofMinutes(54));
        assertEquals(first, t.current(), "kept while more than the margin is left");
        assertEquals(1, server.issued().size());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        String second = t.current();
        assertNotEquals(first, second, "renewed within the margin, before it expires");
        assertEquals(server.issued(), java.util.List.of(first, second));
        assertEquals(2, t.status().grants());
        assertTrue(t.status().valid());
    }

    @Test
    void aShortLivedTokenIsUsedForHalfItsLifetimeWhateverTheMargin() throws TokenRefusal {
        // the server grants 10 s, the margin is 5 min: renewing at once every time would hammer the endpoint
        server.lifetime(10);
        AccessTokens t = tokens(Duration.ofMinutes(5));
        String first = t.current();
        clock.advance(Duration.ofSeconds(4));
        assertEquals(first, t.current());
        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(first, t.current(), "at half the lifetime a new one");
    }

    @Test
    void aRejectedTokenIsReplacedOnceAndAConcurrentRenewalIsNotRepeated() throws TokenRefusal {
        AccessTokens t = tokens(Duration.ofMinutes(5));
        String first = t.current();
        String second = t.renew(first);
        assertNotEquals(first, second);
        assertEquals(second, t.renew(first), "another login renewed already: no further grant");
        assertEquals(2, server.issued().size());
    }

    @Test
    void aRevokedRefreshTokenIsRefusedWithTheEndpointsReasonAndNotAskedAgainAtOnce() throws TokenRefusal {
        server.lifetime(60);
        AccessTokens t = tokens(Duration.ZERO);
        t.current();
        server.revoke();
        clock.advance(Duration.ofSeconds(61));
        TokenRefusal e = assertThrows(TokenRefusal.class, t::current);
        assertTrue(e.refused());
        assertTrue(e.getMessage().contains("invalid_grant: Token has been expired or revoked."), e.getMessage());
        AccessTokens.Status s = t.status();
        assertTrue(s.refused());
        assertFalse(s.valid());
        assertEquals(e.getMessage(), s.reason());
        assertFalse(s.reason().contains("at-"), "no token in the reason");
        int asked = server.issued().size();
        assertThrows(TokenRefusal.class, t::current);
        assertEquals(asked, server.issued().size());
    }

    @Test
    void whileTheEndpointFailsAnUnexpiredTokenIsStillUsed() throws TokenRefusal {
        server.lifetime(600);
        AccessTokens t = tokens(Duration.ofMinutes(5));
        String first = t.current();
        server.revoke();
        clock.advance(Duration.ofMinutes(6));
        assertEquals(first, t.current(), "inside the margin the old token still works");
        assertTrue(t.status().refused(), "but the refusal shows");
        clock.advance(Duration.ofMinutes(5));
        assertThrows(TokenRefusal.class, t::current);
    }

    @Test
    void aRotatedRefreshTokenIsUsedForTheNextGrant() throws TokenRefusal {
        server.lifetime(60).rotate(true);
        AccessTokens t = tokens(Duration.ZERO);
        t.current();
        clock.advance(Duration.ofSeconds(61));
        t.current();
        clock.advance(Duration.ofSeconds(61));
        t.current();
        assertEquals(3, server.issued().size(), "the endpoint accepts only the newest refresh token");
    }

    @Test
    void aRotatedRefreshTokenIsKeptSoThatARestartLogsInWithIt(@TempDir Path dir) throws Exception {
        server.lifetime(60).rotate(true);
        Path file = dir.resolve("oauth/refresh-token");
        String secret = server.refreshToken();
        stored(secret, file).current();
        assertNotEquals(secret, server.currentRefreshToken(), "the endpoint rotated and refuses the first token now");

        // a restart with the same secret file: without the kept token the start would be refused
        assertThrows(TokenRefusal.class, () -> tokens(secret).current());
        AccessTokens restarted = stored(secret, file);
        restarted.current();
        assertEquals(2, server.issued().size(), "a grant before and one after the restart");
        assertTrue(
                Files.readString(file).contains(server.currentRefreshToken()), "the newest is kept after each grant");
        assertFalse(Files.readString(file).contains(secret), "only a hash of the secret's token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void aNewTokenInTheSecretWinsOverTheOneKeptFromTheLastLogin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refresh-token");
        // kept from an earlier login (another token in the secret then), and a file that is no store at all
        new RefreshTokenStore(file, "rt-of-an-earlier-login").keep("rt-lapsed");
        AccessTokens t = stored(server.refreshToken(), file);
        t.current();
        assertEquals(1, server.issued().size(), "logged in with the secret's token, not the kept one");
        Files.writeString(file, "garbage");
        stored(server.refreshToken(), file).current();
        assertEquals(2, server.issued().size());
    }

    private AccessTokens tokens(String refreshToken) {
        return new AccessTokens(
                new TokenEndpoint(server.uri(), LocalTokenEndpoint.CLIENT_ID, LocalTokenEndpoint.CLIENT_SECRET),
                refreshToken,
                Duration.ZERO,
                clock);
    }

    private AccessTokens stored(String secret, Path file) {
        return new AccessTokens(
                new TokenEndpoint(server.uri(), LocalTokenEndpoint.CLIENT_ID, LocalTokenEndpoint.CLIENT_SECRET),
                secret,
                Duration.ZERO,
                clock,
                new RefreshTokenStore(file, secret));
    }

    @Test
    void aWrongClientSecretIsRefused() {
        AccessTokens t = new AccessTokens(
                new TokenEndpoint(server.uri(), LocalTokenEndpoint.CLIENT_ID, "wrong"),
                server.refreshToken(),
                Duration.ZERO,
                clock);
        TokenRefusal e = assertThrows(TokenRefusal.class, t::current);
        assertTrue(e.refused());
        assertTrue(e.getMessage().contains("HTTP 401 invalid_client"), e.getMessage());
    }

    @Test
    void anUnreachableEndpointIsNotARefusal() {
        int port = dev.DevStack.port(0);
        AccessTokens t = new AccessTokens(
                new TokenEndpoint(java.net.URI.create("http://127.0.0.1:" + port + "/token"), "c", ""),
                "rt",
                Duration.ZERO,
                clock);
        TokenRefusal e = assertThrows(TokenRefusal.class, t::current);
        assertFalse(e.refused());
        assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
    }

    /** A clock the test moves: no waiting for a token to expire. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
