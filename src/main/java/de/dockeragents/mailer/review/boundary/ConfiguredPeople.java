package de.dockeragents.mailer.review.boundary;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.platform.entity.Started;
import de.dockeragents.mailer.review.control.LoginSettings;
import de.dockeragents.mailer.review.control.People;

/**
 * At start, once the schema is there: the logins the operator's secrets define (the first admin,
 * and the old shared staff login while its secret is set) are made or brought up to date, so an
 * existing install logs in as before. Still before ready: a fresh install's admin login works as
 * soon as the mailer says ready.
 */
@ApplicationScoped
public class ConfiguredPeople {

    @Inject
    LoginSettings settings;

    @Inject
    People people;

    @Resource
    ManagedExecutorService executor;

    void start(@Observes @Priority(Started.LOGINS) Started started) {
        // each login costs one PBKDF2 hash or check (210,000 iterations: 1.3 s on a quiet core, several
        // seconds at start under load): the others on the executor while this thread does the first, so
        // the start waits for the slowest login instead of their sum (docs/benchmarks.md, Start-up)
        List<LoginSettings.ConfiguredAccount> accounts = settings.accounts();
        if (accounts.isEmpty()) {
            return;
        }
        List<Future<?>> others = accounts.subList(1, accounts.size()).stream()
                .<Future<?>>map(a -> executor.submit(() -> people.configure(a)))
                .toList();
        people.configure(accounts.get(0));
        for (Future<?> other : others) {
            await(other);
        }
    }

    private static void await(Future<?> login) {
        try {
            login.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the configured logins were made", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
