package de.dockeragents.mailer.review.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.review.entity.LoginOutcome;
import de.dockeragents.mailer.review.entity.Person;
import de.dockeragents.mailer.review.entity.SignedIn;

/**
 * Checks a name and password against review_person, behind the {@link LoginThrottle}; and whether a
 * session's login still holds: the person still enabled, their password not reset since, the login
 * not older than {@code review.login.expiration}.
 */
@ApplicationScoped
public class Logins {

    static final int MAX_NAME = 100;

    @Inject
    People people;

    @Inject
    PasswordHashes hashes;

    @Inject
    LoginThrottle throttle;

    @Inject
    LoginSettings settings;

    Clock clock = Clock.systemUTC();

    public LoginOutcome attempt(String name, String password, String address) {
        String login = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (login.length() > MAX_NAME) {
            login = login.substring(0, MAX_NAME);
        }
        if (password == null || password.length() > PasswordRules.MAX_LENGTH) {
            return LoginOutcome.refused();
        }
        Duration locked = throttle.locked(login, address);
        if (locked != null) {
            return LoginOutcome.locked(locked);
        }
        Optional<People.Account> account = people.account(login);
        boolean matches;
        if (account.isPresent()) {
            matches = hashes.verify(password, account.get().passwordHash());
        } else {
            hashes.verifyNothing(password);
            matches = false;
        }
        if (!matches || !account.get().person().enabled()) {
            throttle.failed(login, address);
            return LoginOutcome.refused();
        }
        throttle.succeeded(login);
        return LoginOutcome.ok(account.get().person());
    }

    /** The session's person, if their login still holds. */
    public Optional<Person> current(SignedIn signedIn) {
        if (signedIn.at().plus(settings.maxAge()).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return people.find(signedIn.personId())
                .filter(Person::enabled)
                .filter(p -> p.generation() == signedIn.generation());
    }
}
