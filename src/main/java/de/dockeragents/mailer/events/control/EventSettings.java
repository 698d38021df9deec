package de.dockeragents.mailer.events.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.Backoff;
import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * Outbound webhooks ({@code mailer.events.*}). Off while {@code mailer.events.url} is empty: then no
 * event is written at all, so switching them on later does not deliver a backlog of old ones. With a
 * URL the secret is required (at least {@value #MIN_SECRET} characters), so no unsigned event leaves.
 */
public record EventSettings(
        URI url,
        byte[] secret,
        boolean includeContent,
        String mailer,
        Duration interval,
        int batchSize,
        Duration timeout,
        int maxAttempts,
        Backoff backoff,
        Duration healthInterval,
        Duration keepDelivered) {

    public static final String URL = "mailer.events.url";
    public static final String SECRET = "mailer.events.secret";
    static final int MIN_SECRET = 16;

    /** Nothing configured: no event is written or sent. */
    public static EventSettings off(String mailer) {
        return new EventSettings(
                null,
                new byte[0],
                false,
                mailer,
                Duration.ofSeconds(5),
                50,
                Duration.ofSeconds(10),
                10,
                new Backoff(Duration.ofSeconds(10), Duration.ofHours(1)),
                Duration.ofSeconds(30),
                Duration.ofDays(7));
    }

    public boolean enabled() {
        return url != null;
    }

    /** A claimed event whose attempt outlives this is taken again: three times the request timeout. */
    public Duration lease() {
        return timeout.multipliedBy(3);
    }

    public static EventSettings read(ConfigProblems c, Config config, String mailer) {
        Duration interval = c.duration("mailer.events.interval", Duration.ofMillis(100), Duration.ofHours(1));
        int batch = c.integer("mailer.events.batch-size", 1, 1000);
        Duration timeout = c.duration("mailer.events.timeout", Duration.ofSeconds(1), Duration.ofMinutes(5));
        int max = c.integer("mailer.events.max-attempts", 1, 100);
        Duration base = c.duration("mailer.events.backoff", Duration.ofMillis(100), Duration.ofHours(6));
        Duration cap = c.duration("mailer.events.backoff-max", Duration.ofMillis(100), Duration.ofDays(2));
        if (cap.compareTo(base) < 0) {
            c.problem("mailer.events.backoff-max must not be shorter than mailer.events.backoff");
        }
        Duration health = c.duration("mailer.events.health-interval", Duration.ofSeconds(1), Duration.ofHours(1));
        Duration keep = c.duration("mailer.events.keep-delivered", Duration.ofHours(1), Duration.ofDays(365));
        boolean content = strictBoolean(c, "mailer.events.include-content");
        Optional<String> raw =
                config.getOptionalValue(URL, String.class).map(String::strip).filter(s -> !s.isEmpty());
        URI url = raw.map(u -> url(c, u)).orElse(null);
        byte[] secret = new byte[0];
        if (raw.isPresent()) {
            String s = c.required(SECRET);
            if (!s.isEmpty() && s.length() < MIN_SECRET) {
                c.problem(SECRET + " must have at least " + MIN_SECRET
                        + " characters (e.g. openssl rand -hex 32 > secrets/<mailer>_events_secret)");
            }
            secret = s.getBytes(StandardCharsets.UTF_8);
        }
        return new EventSettings(
                url, secret, content, mailer, interval, batch, timeout, max, new Backoff(base, cap), health, keep);
    }

    /** The value itself is never part of a problem: its path may carry a token. */
    static URI url(ConfigProblems c, String raw) {
        try {
            URI u = new URI(raw);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getUserInfo() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        c.problem(URL + " must be an http:// or https:// URL with a host and no user:password part,"
                + " e.g. http://n8n:5678/webhook/mailer-events (leave it empty to send no events)");
        return null;
    }

    private static boolean strictBoolean(ConfigProblems c, String key) {
        String raw = c.required(key);
        if (!raw.isEmpty() && !raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            c.problem(key + " must be true or false (was '" + raw + "')");
        }
        return Boolean.parseBoolean(raw);
    }

    /** Where events go, without path or query (a webhook path can work as a token), and never the secret. */
    public String target() {
        return url == null
                ? "nowhere (off)"
                : url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "EventSettings[" + target() + ", includeContent=" + includeContent + ", maxAttempts=" + maxAttempts
                + "]";
    }
}
