package de.dockeragents.mailer.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class InboxPollerTest {

    @Test
    void backoffDoublesUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), InboxPoller.backoff(1));
        assertEquals(Duration.ofSeconds(2), InboxPoller.backoff(2));
        assertEquals(Duration.ofSeconds(64), InboxPoller.backoff(7));
        assertEquals(Duration.ofMinutes(5), InboxPoller.backoff(12));
        assertEquals(Duration.ofMinutes(5), InboxPoller.backoff(1000));
    }

    @Test
    void databaseErrorsAreDescribedWithoutTheirMessageWhichMayQuoteARow() {
        var e = new RuntimeException("wrapper", new SQLException(
                "ERROR: null value violates not-null constraint. Failing row contains (anna@example.org, ...)", "23502"));
        String text = InboxPoller.describe(e, false);
        assertTrue(text.contains("SQLSTATE 23502"), text);
        assertFalse(text.contains("anna@example.org"), text);
    }
}
