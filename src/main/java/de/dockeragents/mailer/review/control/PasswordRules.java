package de.dockeragents.mailer.review.control;

import java.util.Locale;
import java.util.Set;

import de.dockeragents.mailer.review.entity.Problem;

/**
 * Passwords a practice can live with (NIST SP 800-63B): long enough, not the person's name, not one of
 * the passwords everyone tries first; no rules about digits or special characters, which only make
 * people write passwords down. Checked on the server; every refusal says why.
 */
public final class PasswordRules {

    public static final int MAX_LENGTH = 1000;

    /** The first guesses of anyone who tries, in German and English. */
    private static final Set<String> COMMON = Set.of(
            "1234567890",
            "12345678901",
            "123456789012",
            "0987654321",
            "passwort123",
            "passwort1234",
            "password123",
            "password1234",
            "qwertzuiop",
            "qwertyuiop",
            "praxis1234",
            "praxis12345",
            "willkommen1",
            "willkommen123",
            "welcome123",
            "hallo12345",
            "sommer2024",
            "sommer2025",
            "sommer2026",
            "winter2025",
            "winter2026");

    private PasswordRules() {}

    /** Throws a 400 naming the field {@code password} if it breaks a rule. */
    public static void check(String name, String password, int minLength) {
        String why = problem(name, password, minLength);
        if (why != null) {
            throw Problem.invalid("password", why);
        }
    }

    /** Why the password is refused, or null. */
    public static String problem(String name, String password, int minLength) {
        if (password == null || password.isEmpty()) {
            return "a password is required";
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            return "the password must be at least " + minLength + " characters long (it has " + length + ")";
        }
        if (password.length() > MAX_LENGTH) {
            return "the password must be at most " + MAX_LENGTH + " characters long";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (name != null && name.length() >= 3 && lower.contains(name.toLowerCase(Locale.ROOT))) {
            return "the password must not contain the user name";
        }
        if (password.codePoints().distinct().count() < 3) {
            return "the password must not be one or two characters repeated";
        }
        if (COMMON.contains(lower)) {
            return "the password is one of the first that anyone tries; choose another";
        }
        return null;
    }
}
