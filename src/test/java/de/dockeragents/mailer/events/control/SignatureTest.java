package de.dockeragents.mailer.events.control;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SignatureTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void isTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2
        assertEquals(
                "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signature.sign(bytes("Jefe"), bytes("what do ya want for nothing?")));
    }

    @Test
    void changesWithTheBodyAndTheSecret() {
        String signed = Signature.sign(bytes("a-secret-of-16-chars"), bytes("{\"id\":\"1\"}"));
        assertNotEquals(signed, Signature.sign(bytes("a-secret-of-16-chars"), bytes("{\"id\":\"2\"}")));
        assertNotEquals(signed, Signature.sign(bytes("another-secret-16ch"), bytes("{\"id\":\"1\"}")));
    }
}
