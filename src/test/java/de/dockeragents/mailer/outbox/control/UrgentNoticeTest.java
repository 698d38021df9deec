package de.dockeragents.mailer.outbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

class UrgentNoticeTest {

    @Test
    void countsAndLinksButCarriesNothingOfTheMail() throws Exception {
        UrgentNotice one = new UrgentNotice("praxis", 1, "http://127.0.0.1:9080/");
        assertEquals("[praxis] 1 dringende Mail wartet / 1 urgent mail waiting", one.subject());
        assertTrue(one.body().contains("http://127.0.0.1:9080/"));
        UrgentNotice three = new UrgentNotice("praxis", 3, "http://127.0.0.1:9080/");
        assertTrue(three.subject().contains("3 dringende Mails warten"), three.subject());

        MimeMessage m = three.message(Session.getInstance(new Properties()), "praxis@example.com", "staff@example.com");
        m.saveChanges();
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        assertEquals("staff@example.com", m.getAllRecipients()[0].toString());
        // the text is the notice and nothing else: no sender, subject or body of any mail
        assertEquals(three.body(), m.getContent().toString());
    }
}
