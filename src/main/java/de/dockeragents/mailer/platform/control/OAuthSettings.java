package de.dockeragents.mailer.platform.control;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * Where and with what the mailer gets its OAuth2 access tokens ({@code mailer.oauth.*}), read once at
 * start-up and only when IMAP or SMTP log in with {@code xoauth2}. The token endpoint is a preset
 * ({@code google}, {@code microsoft} with {@code mailer.oauth.tenant}) or any URL; plain http only on
 * loopback, where a test's endpoint runs: elsewhere it would carry the refresh token in the clear.
 */
public record OAuthSettings(
        URI tokenEndpoint,
        String clientId,
        String clientSecret,
        String refreshToken,
        Duration refreshMargin,
        Path rotationStore) {

    public static final String GOOGLE = "https://oauth2.googleapis.com/token";
    public static final String MICROSOFT = "https://login.microsoftonline.com/%s/oauth2/v2.0/token";
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9.-]{1,100}");

    public static OAuthSettings read(ConfigProblems c, Config config) {
        String endpoint = c.required("mailer.oauth.token-endpoint");
        URI uri = null;
        switch (endpoint.toLowerCase(Locale.ROOT)) {
            case "google" -> uri = URI.create(GOOGLE);
            case "microsoft" -> {
                String tenant = c.required("mailer.oauth.tenant");
                if (TENANT.matcher(tenant).matches()) {
                    uri = URI.create(MICROSOFT.formatted(tenant));
                } else if (!tenant.isEmpty()) {
                    c.problem("mailer.oauth.tenant must be a tenant id, a domain, organizations or common (was '"
                            + tenant + "')");
                }
            }
            case "" -> {
                // reported as required already
            }
            default -> uri = url(c, endpoint);
        }
        String clientId = c.required("mailer.oauth.client-id");
        // Microsoft's public clients (device code) have no secret; Google's installed apps do
        String secret = config.getOptionalValue("mailer.oauth.client-secret", String.class)
                .map(String::strip)
                .orElse("");
        String refreshToken = c.required("mailer.oauth.refresh-token");
        Duration margin = c.duration("mailer.oauth.refresh-margin", Duration.ZERO, Duration.ofMinutes(30));
        // where a rotated refresh token is kept across restarts (RefreshTokenStore); empty: in memory only
        String store = config.getOptionalValue("mailer.oauth.rotation-store", String.class)
                .map(String::strip)
                .orElse("");
        Path storePath = null;
        if (!store.isEmpty()) {
            storePath = Path.of(store);
            if (!storePath.isAbsolute() || storePath.getParent() == null) {
                c.problem("mailer.oauth.rotation-store must be an absolute file path (was '" + store + "')");
                storePath = null;
            }
        }
        return new OAuthSettings(uri, clientId, secret, refreshToken, margin, storePath);
    }

    private static URI url(ConfigProblems c, String raw) {
        try {
            URI uri = URI.create(raw);
            String host = uri.getHost() == null ? "" : uri.getHost();
            boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            if ("https".equalsIgnoreCase(uri.getScheme()) || ("http".equalsIgnoreCase(uri.getScheme()) && loopback)) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        c.problem("mailer.oauth.token-endpoint must be google, microsoft or an https URL (http only on loopback)");
        return null;
    }

    @Override
    public String toString() {
        // the client id is no secret, but the refresh token and the client secret are
        return "OAuthSettings[" + tokenEndpoint + ", margin=" + refreshMargin + ", rotation store=" + rotationStore
                + "]";
    }
}
