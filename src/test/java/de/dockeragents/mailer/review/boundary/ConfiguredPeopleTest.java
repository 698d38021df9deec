package de.dockeragents.mailer.review.boundary;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.entity.Started;
import de.dockeragents.mailer.review.control.LoginSettings;
import de.dockeragents.mailer.review.control.LoginSettings.ConfiguredAccount;
import de.dockeragents.mailer.review.control.People;
import de.dockeragents.mailer.review.entity.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The configured logins are made side by side (one password hash each), and a failure still ends the start. */
class ConfiguredPeopleTest {

    static final ConfiguredAccount ADMIN =
            new ConfiguredAccount("admin", Role.ADMIN, "a-long-secret", "review.admin.password");
    static final ConfiguredAccount STAFF =
            new ConfiguredAccount("staff", Role.STAFF, "another-secret", "review.staff.password");

    /** Each login waits until the other one is being made too: made one after the other, they never meet. */
    static final class MeetingPeople extends People {
        final CyclicBarrier both = new CyclicBarrier(2);
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final Set<String> made = ConcurrentHashMap.newKeySet();
        RuntimeException failFor;
        String failName = "";

        @Override
        public void configure(ConfiguredAccount configured) {
            threads.add(Thread.currentThread().getName());
            try {
                both.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other login was not being made at the same time", e);
            }
            if (configured.name().equals(failName)) {
                throw failFor;
            }
            made.add(configured.name());
        }
    }

    @Test
    void bothLoginsAreMadeAtTheSameTimeOnTwoThreads() {
        MeetingPeople people = new MeetingPeople();
        configuredPeople(people).start(new Started());
        assertEquals(Set.of("admin", "staff"), people.made);
        assertEquals(2, people.threads.size());
    }

    @Test
    void aFailureOnTheExecutorEndsTheStartWithTheSameException() {
        MeetingPeople people = new MeetingPeople();
        people.failName = "staff";
        people.failFor = new IllegalArgumentException("refused");
        ConfiguredPeople c = configuredPeople(people);
        RuntimeException e = assertThrows(RuntimeException.class, () -> c.start(new Started()));
        assertSame(people.failFor, e);
        assertEquals(Set.of("admin"), people.made);
    }

    private static ConfiguredPeople configuredPeople(People people) {
        ConfiguredPeople c = new ConfiguredPeople();
        c.settings = new LoginSettings(
                5, 50, Duration.ofMinutes(1), 12, Duration.ofHours(8), Duration.ofHours(1), List.of(ADMIN, STAFF));
        c.people = people;
        c.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                ConfiguredPeopleTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("submit") || !(args[0] instanceof Runnable r)) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    FutureTask<Object> task = new FutureTask<>(r, null);
                    new Thread(task, "executor").start();
                    return task;
                });
        return c;
    }
}
