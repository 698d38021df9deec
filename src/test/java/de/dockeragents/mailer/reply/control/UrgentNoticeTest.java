package de.dockeragents.mailer.reply.control;

import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.Language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrgentNoticeTest {

    @Test
    void countsAndLinksButCarriesNothingOfTheMail() throws Exception {
        Language de = Language.load("de");
        UrgentNotice one = new UrgentNotice("praxis", 1, "http://127.0.0.1:9080/", de);
        assertEquals("[praxis] Dringende Mail wartet (1)", one.subject());
        assertTrue(one.body().contains("http://127.0.0.1:9080/"));
        UrgentNotice three = new UrgentNotice("praxis", 3, "http://127.0.0.1:9080/", de);
        assertTrue(three.body().startsWith("Im Postfach praxis warten dringende Mails: 3."), three.body());
        UrgentNotice english = new UrgentNotice("ecom", 2, "http://127.0.0.1:9081/", Language.load("en"));
        assertEquals("[ecom] Urgent mail waiting (2)", english.subject());

        MimeMessage m = three.message(Session.getInstance(new Properties()), "praxis@example.com", "staff@example.com");
        m.saveChanges();
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        assertEquals("staff@example.com", m.getAllRecipients()[0].toString());
        // the text is the notice and nothing else: no sender, subject or body of any mail
        assertEquals(three.body(), m.getContent().toString());
    }
}
