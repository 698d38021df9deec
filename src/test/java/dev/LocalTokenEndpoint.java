package dev;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OAuth2 token endpoint for tests (the JDK's HTTP server on a free loopback port): answers the
 * refresh-token grant for one refresh token and client with a new random access token of a lifetime the test
 * sets, and hands each issued token to a listener (a test makes the mail server accept only the newest).
 * {@link #revoke()} makes it answer {@code invalid_grant} as Google and Microsoft do for a revoked token.
 */
public final class LocalTokenEndpoint implements AutoCloseable {

    public static final String CLIENT_ID = "mailer-test-client";
    public static final String CLIENT_SECRET = "mailer-test-client-secret";

    private final HttpServer server;
    private final String refreshToken;
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile long lifetimeSeconds = 3600;
    private volatile boolean revoked;
    private volatile boolean rotate;
    private volatile String currentRefresh;
    private volatile Consumer<String> onIssue = t -> {};
    private volatile String owner = "";
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> expiry = new ConcurrentHashMap<>();

    public LocalTokenEndpoint(String refreshToken) {
        this.refreshToken = refreshToken;
        this.currentRefresh = refreshToken;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Tokens from now on live this long ({@code expires_in}). */
    public LocalTokenEndpoint lifetime(long seconds) {
        this.lifetimeSeconds = seconds;
        return this;
    }

    /** Each grant also sends a new refresh token (as Microsoft does); only the newest one works after that. */
    public LocalTokenEndpoint rotate(boolean on) {
        this.rotate = on;
        return this;
    }

    public LocalTokenEndpoint onIssue(Consumer<String> listener) {
        this.onIssue = listener;
        return this;
    }

    /**
     * Token introspection (RFC 7662) at {@code /introspect}, as Dovecot's {@code oauth2} passdb asks it: a token
     * issued here is active until its lifetime is over (as at Google and Microsoft) and belongs to {@code username};
     * any other token, and every token after {@link #revoke()}, is inactive.
     */
    public URI introspection(String username) {
        this.owner = username;
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
    }

    /** The tokens introspection found active, in the order asked (one per login a mail server checked). */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    public void revoke() {
        revoked = true;
    }

    /** The access tokens issued so far, oldest first. */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"POST".equals(x.getRequestMethod()) || !"refresh_token".equals(form.get("grant_type"))) {
            answer(x, 400, "{\"error\":\"unsupported_grant_type\"}");
        } else if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            answer(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}");
        } else if (revoked || !currentRefresh.equals(form.get("refresh_token"))) {
            answer(
                    x,
                    400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        } else {
            String token = "at-" + UUID.randomUUID();
            String body =
                    "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetimeSeconds;
            if (rotate) {
                currentRefresh = "rt-" + UUID.randomUUID();
                body += ",\"refresh_token\":\"" + currentRefresh + "\"";
            }
            issued.add(token);
            expiry.put(token, Instant.now().plusSeconds(lifetimeSeconds));
            onIssue.accept(token);
            answer(x, 200, body + "}");
        }
    }

    private void introspect(HttpExchange x) throws IOException {
        String token = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .getOrDefault("token", "");
        Instant until = expiry.get(token);
        boolean active = !revoked && until != null && Instant.now().isBefore(until);
        if (active) {
            accepted.add(token);
        }
        answer(x, 200, active ? "{\"active\":true,\"username\":\"" + owner + "\"}" : "{\"active\":false}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The refresh token the endpoint was made for. */
    public String refreshToken() {
        return refreshToken;
    }

    /** The one refresh token the endpoint accepts now: the newest it handed out while rotating. */
    public String currentRefreshToken() {
        return currentRefresh;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
