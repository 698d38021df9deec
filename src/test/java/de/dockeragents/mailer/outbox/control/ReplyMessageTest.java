package de.dockeragents.mailer.outbox.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.outbox.entity.Outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyMessageTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void carriesTheQueuedMessageIdThreadingAndAutoSubmitted() throws Exception {
        Outbound o = new Outbound(
                7,
                "pat@patient.example",
                "Ihre Nachricht – Praxis",
                "Grüße\n",
                "<fixed-1@mailer.test>",
                "<orig@patient.example>",
                "<a@x> <orig@patient.example>",
                true,
                1,
                false);
        MimeMessage m = ReplyMessage.of(SESSION, o, "praxis@mailer.test");
        m.saveChanges(); // as Transport.send does: the id must survive it
        assertEquals("<fixed-1@mailer.test>", m.getMessageID());
        assertEquals("<orig@patient.example>", m.getHeader("In-Reply-To")[0]);
        assertEquals("<a@x> <orig@patient.example>", m.getHeader("References")[0]);
        assertEquals("auto-replied", m.getHeader("Auto-Submitted")[0]);
        assertArrayEquals(new InternetAddress[] {new InternetAddress("pat@patient.example")}, m.getAllRecipients());
        assertEquals("Ihre Nachricht – Praxis", m.getSubject());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        String wire = out.toString(StandardCharsets.UTF_8);
        assertTrue(wire.contains("Message-ID: <fixed-1@mailer.test>"), wire);
    }

    @Test
    void anApprovedDraftIsNotMarkedAutomatic() throws Exception {
        Outbound o = new Outbound(
                8, "pat@patient.example", "Re: Termin", "Text\n", "<fixed-2@mailer.test>", null, null, false, 1, false);
        MimeMessage m = ReplyMessage.of(SESSION, o, "praxis@mailer.test");
        assertNull(m.getHeader("Auto-Submitted"));
        assertNull(m.getHeader("In-Reply-To"));
    }

    @Test
    void aSecondAddressSmuggledIntoTheRecipientIsRefused() {
        Outbound o = new Outbound(
                9, "pat@patient.example, evil@evil.example", "s", "b", "<x@mailer.test>", null, null, true, 1, false);
        assertThrows(MessagingException.class, () -> ReplyMessage.of(SESSION, o, "praxis@mailer.test"));
    }

    @Test
    void serverAnswersAreSortedAndScrubbed() {
        var unknownUser = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(
                        addr("pat@patient.example"),
                        "RCPT TO:<pat@patient.example>",
                        550,
                        "550 5.1.1 <pat@patient.example> no such user"));
        SendFailure permanent = SmtpConnection.classify(unknownUser);
        assertTrue(permanent.permanent());
        assertFalse(permanent.getMessage().contains("@"), permanent.getMessage());

        SendFailure busy = SmtpConnection.classify(
                new SMTPSendFailedException("DATA", 451, "451 try later", null, null, null, null));
        assertFalse(busy.permanent());
        assertFalse(busy.connection());

        SendFailure down = SmtpConnection.classify(
                new MessagingException("Could not connect", new java.net.ConnectException("Connection refused")));
        assertFalse(down.permanent());
        assertTrue(down.connection());
    }

    private static InternetAddress addr(String a) {
        try {
            return new InternetAddress(a);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
