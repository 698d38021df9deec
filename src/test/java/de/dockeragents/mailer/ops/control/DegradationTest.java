package de.dockeragents.mailer.ops.control;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DegradationTest {

    private final Degradation d = new Degradation();

    @Test
    void aStartingMailerIsNotDegraded() {
        assertEquals(Set.of(), d.newlyDown(Set.of("imap")));
    }

    @Test
    void aCheckThatFallsIsReportedOnceUntilItComesBack() {
        d.newlyDown(Set.of());
        assertEquals(Set.of("clamd"), d.newlyDown(Set.of("clamd")));
        d.reported(Set.of("clamd"));
        assertEquals(Set.of(), d.newlyDown(Set.of("clamd")));
        assertEquals(Set.of("imap"), d.newlyDown(Set.of("clamd", "imap")));
        d.reported(Set.of("clamd", "imap"));
        assertEquals(Set.of(), d.newlyDown(Set.of("imap")));
        assertEquals(Set.of("clamd"), d.newlyDown(Set.of("clamd", "imap")));
    }

    @Test
    void anUnrecordedReportIsTriedAgain() {
        d.newlyDown(Set.of());
        assertEquals(Set.of("database"), d.newlyDown(Set.of("database")));
        assertEquals(Set.of("database"), d.newlyDown(Set.of("database")));
    }

    @Test
    void allUpForgetsTheReport() {
        d.newlyDown(Set.of());
        d.newlyDown(Set.of("smtp"));
        d.reported(Set.of("smtp"));
        d.newlyDown(Set.of());
        assertEquals(Set.of("smtp"), d.newlyDown(Set.of("smtp")));
    }
}
