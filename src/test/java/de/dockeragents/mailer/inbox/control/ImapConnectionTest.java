package de.dockeragents.mailer.inbox.control;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImapConnectionTest {

    @Test
    void backoffDoublesUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), ImapConnection.backoff(1));
        assertEquals(Duration.ofSeconds(2), ImapConnection.backoff(2));
        assertEquals(Duration.ofSeconds(64), ImapConnection.backoff(7));
        assertEquals(Duration.ofMinutes(5), ImapConnection.backoff(12));
        assertEquals(Duration.ofMinutes(5), ImapConnection.backoff(1000));
    }
}
