package it.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;
import it.support.Mails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed MIME from the wild, through the real server: stored with its text and triaged like any
 * mail, not left raw as PARSE_ERROR. The emergency is only in the broken body, so only a body that
 * was really read can make it one.
 */
class MalformedMailIT {

    static DevStack stack;
    static Db db;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        db = new Db(stack);
    }

    @Test
    void anEmergencyInBrokenMimeIsStoredWithItsTextAndClassifiedAsAnEmergency() {
        String subject = Mails.unique("Papa");
        // the declared boundary never occurs; the HTML part's base64 has stray characters and no padding
        String html = "<html><body><div>Hilfe, mein Vater ist bewusstlos und atmet kaum.</div>"
                + "<div>Was sollen wir tun?</div></body></html>";
        String base64 = Base64.getEncoder().withoutPadding().encodeToString(html.getBytes(StandardCharsets.UTF_8));
        base64 = base64.substring(0, 30) + " ?! " + base64.substring(30);
        String raw = "From: Familie Beispiel <familie-"
                + UUID.randomUUID().toString().substring(0, 8) + "@patient.example>\r\n"
                + "To: " + DevStack.MAILBOX + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@patient.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"----=_Part_1_declared\"\r\n\r\n"
                + "------=_Part_2_used\r\nContent-Type: text/html; charset=\"utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64 + "\r\n------=_Part_2_used--\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), raw.getBytes(StandardCharsets.US_ASCII));

        Map<String, Object> mail = Waits.until(
                        Duration.ofSeconds(30),
                        "the malformed mail is stored",
                        () -> db.mailsWithSubject(subject),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("STORED", mail.get("status"), "not PARSE_ERROR: " + mail.get("error"));
        assertTrue(((String) mail.get("html_text")).contains("mein Vater ist bewusstlos und atmet kaum"), (String)
                mail.get("html_text"));
        assertTrue(((String) mail.get("error")).startsWith("malformed MIME, read leniently: "), (String)
                mail.get("error"));

        Map<String, Object> c = Waits.until(
                        Duration.ofSeconds(60),
                        "the mail is classified",
                        () -> db.rows("select c.* from classification c where c.mail_id = ?", mail.get("id")),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("emergency", c.get("category"));
        assertEquals("urgent", c.get("priority"));
        assertNotNull(c.get("safety_rules"));
        // the symptom rules of profiles/praxis/safety.json found it in the leniently read text
        assertTrue(((String) c.get("safety_rules")).contains("unconscious"), (String) c.get("safety_rules"));
    }
}
