package de.dockeragents.mailer.platform.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

/**
 * Reads typed configuration values and collects every problem with the key that caused it,
 * so a misconfigured mailer reports all its mistakes at once and exits with code 1.
 * Values are never part of a message: a key may hold a secret.
 */
public final class ConfigProblems {

    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public ConfigProblems(Config config) {
        this.config = config;
    }

    public String required(String key) {
        Optional<String> value =
                config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            problems.add(key + " is required but not set (set it as an environment variable " + envName(key)
                    + ", a file " + envName(key) + "_FILE, or in VARIABLE_SOURCE_DIRS)");
            return "";
        }
        return value.get();
    }

    public String text(String key) {
        return required(key);
    }

    public int integer(String key, int min, int max) {
        return parse(key, Integer::valueOf, min, max, 0);
    }

    public long bytes(String key, long min, long max) {
        return parse(key, Long::valueOf, min, max, 0L);
    }

    public Duration duration(String key, Duration min, Duration max) {
        String raw = required(key);
        if (raw.isEmpty()) {
            return min;
        }
        try {
            Duration value = Durations.parse(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problems.add(key + " must be between " + min + " and " + max + " (was " + value + ")");
                return min;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(key + " is not a duration like 30s, 5m or 2h");
            return min;
        }
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String raw = required(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().replace('_', '-').equalsIgnoreCase(raw)) {
                return constant;
            }
        }
        if (!raw.isEmpty()) {
            problems.add(key + " must be one of " + allowed(type) + " (was '" + raw + "')");
        }
        return type.getEnumConstants()[0];
    }

    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    private <T extends Comparable<T>> T parse(String key, Function<String, T> parser, T min, T max, T fallback) {
        String raw = required(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            T value = parser.apply(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problems.add(key + " must be between " + min + " and " + max + " (was " + value + ")");
                return fallback;
            }
            return value;
        } catch (NumberFormatException | NoSuchElementException e) {
            problems.add(key + " must be a whole number (was '" + raw + "')");
            return fallback;
        }
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(", ", names);
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
