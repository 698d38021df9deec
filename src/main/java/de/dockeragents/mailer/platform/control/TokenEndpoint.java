package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One OAuth2 refresh-token grant (RFC 6749 section 6) against the token endpoint, with the JDK's HTTP
 * client: a form POST and a small JSON answer need nothing more. The answer's {@code expires_in} is turned
 * into an instant on our clock right away, so the server's clock never matters.
 */
public final class TokenEndpoint {

    /** An access token, when it expires by our clock, and the refresh token to use next (rotated or not). */
    public record Grant(String accessToken, Instant expiresAt, Duration lifetime, String refreshToken) {

        @Override
        public String toString() {
            return "Grant[expiresAt=" + expiresAt + "]";
        }
    }

    /** The endpoint's error codes that say: this refresh token or client will never work again. */
    private static final Set<String> REFUSALS = Set.of("invalid_grant", "invalid_client", "unauthorized_client");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI uri;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public TokenEndpoint(URI uri, String clientId, String clientSecret) {
        this.uri = uri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public Grant refresh(String refreshToken, Instant now) throws TokenRefusal {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        if (!clientSecret.isEmpty()) {
            form.put("client_secret", clientSecret);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRefusal("token endpoint " + uri.getHost() + " not reachable: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRefusal("interrupted while asking the token endpoint", false);
        }
        JsonObject json = parse(response.body());
        if (response.statusCode() != 200 || json == null || !json.containsKey("access_token")) {
            String error = json == null ? "" : text(json, "error");
            String description = json == null ? "" : text(json, "error_description");
            throw new TokenRefusal(
                    "token endpoint " + uri.getHost() + " answered HTTP " + response.statusCode()
                            + (error.isEmpty() ? "" : " " + error) + (description.isEmpty() ? "" : ": " + description),
                    REFUSALS.contains(error));
        }
        long seconds = seconds(json.get("expires_in"));
        String rotated = text(json, "refresh_token");
        Duration lifetime = Duration.ofSeconds(seconds);
        return new Grant(
                text(json, "access_token"), now.plus(lifetime), lifetime, rotated.isEmpty() ? refreshToken : rotated);
    }

    private static JsonObject parse(String body) {
        try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static String text(JsonObject json, String key) {
        return json.get(key) instanceof JsonString s ? s.getString() : "";
    }

    /** {@code expires_in}: a number, from some servers a string; absent means the server does not say (one hour). */
    private static long seconds(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return Math.max(0, n.longValue());
        }
        if (v instanceof JsonString s) {
            try {
                return Math.max(0, Long.parseLong(s.getString().strip()));
            } catch (NumberFormatException e) {
                return 3600;
            }
        }
        return 3600;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
