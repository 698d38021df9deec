package de.dockeragents.mailer.review.control;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.review.entity.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordRulesTest {

    @Test
    void aLongPassphraseWithoutDigitsOrSpecialCharactersIsFine() {
        assertNull(PasswordRules.problem("anna", "grüner tee am morgen", 10));
        assertNull(PasswordRules.problem("anna", "korrektpferdbatterie", 10));
    }

    @Test
    void tooShortSaysHowLongItMustBe() {
        String why = PasswordRules.problem("anna", "kurz12345", 10);
        assertEquals("the password must be at least 10 characters long (it has 9)", why);
        // characters, not bytes: ten umlauts are ten characters
        assertNull(PasswordRules.problem("anna", "äöüßäöüßäö", 10));
    }

    @Test
    void theNameInThePasswordIsRefusedInAnyCase() {
        assertEquals(
                "the password must not contain the user name",
                PasswordRules.problem("anna.schmidt", "Anna.Schmidt2026", 10));
    }

    @Test
    void repeatedCharactersAndTheFirstGuessesAreRefused() {
        assertTrue(PasswordRules.problem("anna", "aaaaaaaaaaaa", 10).contains("repeated"));
        assertTrue(PasswordRules.problem("anna", "abababababab", 10).contains("repeated"));
        assertTrue(PasswordRules.problem("anna", "Passwort123", 10).contains("anyone tries"));
        assertTrue(PasswordRules.problem("anna", "1234567890", 10).contains("anyone tries"));
    }

    @Test
    void checkAnswers400NamingThePasswordField() {
        Problem p = assertThrows(Problem.class, () -> PasswordRules.check("anna", "", 10));
        assertEquals(400, p.status());
        assertEquals("password", p.field());
        assertEquals("a password is required", p.getMessage());
        assertTrue(PasswordRules.problem("anna", "x".repeat(500) + "yz" + "x".repeat(600), 10)
                .contains("at most 1000"));
    }
}
