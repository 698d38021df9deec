package de.dockeragents.mailer.inbox.control;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorTextTest {

    @Test
    void databaseErrorsAreDescribedWithoutTheirMessageWhichMayQuoteARow() {
        var e = new RuntimeException(
                "wrapper",
                new SQLException(
                        "ERROR: null value violates not-null constraint. Failing row contains (anna@example.org, ...)",
                        "23502"));
        String text = ErrorText.describe(e, false);
        assertTrue(text.contains("SQLSTATE 23502"), text);
        assertFalse(text.contains("anna@example.org"), text);
    }
}
