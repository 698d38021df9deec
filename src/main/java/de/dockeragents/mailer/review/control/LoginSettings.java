package de.dockeragents.mailer.review.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.review.entity.Role;

/**
 * Logins to the page ({@code mailer.review.*}, docs/review.md#people): failures before a name or a
 * client address is locked out and for how long, the shortest password, how long a login lasts at
 * most ({@code review.login.expiration}), and the accounts the operator's secrets define
 * ({@code review.admin.*}, {@code review.staff.*}), made or updated at every start.
 */
public record LoginSettings(
        int maxFailures,
        int maxFailuresPerAddress,
        Duration lockout,
        int minPasswordLength,
        Duration maxAge,
        Duration idle,
        List<ConfiguredAccount> accounts) {

    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,39}";

    /** One account from the operator's configuration; without a password it is disabled at start. */
    public record ConfiguredAccount(String name, Role role, String password, String passwordKey) {

        public boolean hasPassword() {
            return password != null && !password.isEmpty();
        }

        @Override
        public String toString() {
            // never the password
            return name + " (" + role.label() + ", from " + passwordKey + ")";
        }
    }

    public static LoginSettings read(ConfigProblems c, Config config) {
        int failures = c.integer("mailer.review.login.max-failures", 1, 1000);
        int perAddress = c.integer("mailer.review.login.max-failures-per-address", 1, 100_000);
        Duration lockout = c.duration("mailer.review.login.lockout", Duration.ofSeconds(1), Duration.ofDays(1));
        int minLength = c.integer("mailer.review.password.min-length", 8, 128);
        Duration maxAge = c.duration("review.login.expiration", Duration.ofMinutes(1), Duration.ofDays(30));
        Duration idle = c.duration("review.session.timeout", Duration.ofMinutes(1), Duration.ofDays(30));
        List<ConfiguredAccount> accounts = new ArrayList<>();
        account(c, config, "review.admin", Role.ADMIN, accounts);
        account(c, config, "review.staff", Role.STAFF, accounts);
        if (accounts.size() == 2
                && accounts.get(0).name().equals(accounts.get(1).name())) {
            c.problem("review.admin.user and review.staff.user must be different names");
        }
        return new LoginSettings(failures, perAddress, lockout, minLength, maxAge, idle, List.copyOf(accounts));
    }

    private static void account(
            ConfigProblems c, Config config, String prefix, Role role, List<ConfiguredAccount> accounts) {
        String name = c.required(prefix + ".user").toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !name.matches(NAME_PATTERN)) {
            c.problem(prefix + ".user must be 1-40 letters a-z, digits, '.', '_' or '-' (starting with a letter"
                    + " or digit)");
            return;
        }
        String password =
                config.getOptionalValue(prefix + ".password", String.class).orElse("");
        accounts.add(new ConfiguredAccount(name, role, password, prefix + ".password"));
    }
}
