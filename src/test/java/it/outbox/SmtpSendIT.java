package it.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import dev.DevStack;
import dev.Waits;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic replies leave the running mailer over real SMTP (GreenMail): once, threaded, marked as
 * automatic; an SMTP outage is retried with backoff, and the last attempt dead-letters the mail.
 */
class SmtpSendIT {

    static DevStack stack;
    static Outbox outbox;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        outbox = new Outbox(stack);
    }

    @AfterEach
    void smtpBack() {
        stack.mail().startSmtp();
    }

    @Test
    void anAutomaticReplyArrivesOnceThreadedAndMarkedAutoSubmitted() throws Exception {
        Inbound mail = Inbound.emergency("Notfall SMTP");
        Mails.sendRaw(stack.mail().smtpPort(), mail.bytes());

        List<StoredMessage> got = Waits.until(
                Duration.ofSeconds(90),
                "the reply reaches the patient",
                () -> outbox.delivered(mail.from()),
                l -> !l.isEmpty());
        Map<String, Object> row = Waits.until(
                        Duration.ofSeconds(30),
                        "the row is SENT",
                        () -> outbox.rowsTo(mail.from()),
                        r -> r.size() == 1 && "SENT".equals(r.get(0).get("status")))
                .get(0);
        assertEquals(1, got.size());
        MimeMessage reply = got.get(0).getMimeMessage();
        assertEquals(row.get("message_id"), reply.getMessageID(), "the Message-ID assigned at enqueue");
        assertEquals(mail.messageId(), reply.getHeader("In-Reply-To")[0]);
        assertEquals(mail.references() + " " + mail.messageId(), reply.getHeader("References")[0]);
        assertEquals("auto-replied", reply.getHeader("Auto-Submitted")[0]);
        assertEquals(DevStack.MAILBOX, ((jakarta.mail.internet.InternetAddress) reply.getFrom()[0]).getAddress());
        assertEquals(1, reply.getAllRecipients().length);
        String text = (String) reply.getContent();
        assertTrue(text.contains("112") && text.contains("116117"), text);
        assertEquals(1L, outbox.inSentFolder((String) row.get("message_id")), "filed once in our Sent folder");
        assertEquals(1, ((Number) row.get("attempts")).intValue());

        // later runs leave it alone: another reply goes out, this one is still delivered once
        Inbound probe = Inbound.emergency("Notfall Probe");
        Mails.sendRaw(stack.mail().smtpPort(), probe.bytes());
        Waits.until(
                Duration.ofSeconds(90),
                "the probe's reply arrives",
                () -> !outbox.delivered(probe.from()).isEmpty());
        assertEquals(1, outbox.delivered(mail.from()).size());
        String metrics = Http.get(stack.baseUrl() + "/metrics").body();
        assertTrue(Http.metric(metrics, "smtp_send_total", "result=\"success\"") >= 2, metrics);
        assertTrue(Http.metric(metrics, "outbound_queue_depth", "status=\"sent\"") >= 1);
        String live = Http.get(stack.baseUrl() + "/health/live").body();
        assertTrue(live.contains("\"name\":\"outbox-timer\""), live);
    }

    @Test
    void whileSmtpIsDownTheReplyIsRetriedAndSentOnceItIsBack() throws Exception {
        stack.mail().stopSmtp();
        Inbound mail = Inbound.emergency("Notfall SMTP weg");
        mail.appendTo(stack);

        Map<String, Object> failed = Waits.until(
                        Duration.ofSeconds(90),
                        "two failed attempts",
                        () -> outbox.rowsTo(mail.from()),
                        r -> r.size() == 1
                                && "FAILED".equals(r.get(0).get("status"))
                                && ((Number) r.get(0).get("attempts")).intValue() >= 2)
                .get(0);
        String error = (String) failed.get("last_error");
        assertFalse(error.contains("@"), "no address in the recorded error: " + error);
        assertTrue(
                ((java.util.Date) failed.get("next_attempt_at")).after((java.util.Date) failed.get("updated_at")),
                "a later attempt is planned");

        stack.mail().startSmtp();
        Waits.until(
                Duration.ofSeconds(60),
                "sent once SMTP is back",
                () -> "SENT".equals(outbox.rowsTo(mail.from()).get(0).get("status")));
        Waits.until(
                Duration.ofSeconds(30),
                "delivered",
                () -> !outbox.delivered(mail.from()).isEmpty());
        assertEquals(1, outbox.delivered(mail.from()).size());
        assertTrue(((Number) outbox.rowsTo(mail.from()).get(0).get("attempts")).intValue() >= 3);
        assertTrue(Http.metric(Http.get(stack.baseUrl() + "/metrics").body(), "smtp_send_total", "result=\"failure\"")
                >= 2);
    }

    @Test
    void afterTheLastAttemptTheMailIsDeadAndStaysUnsent() {
        stack.mail().stopSmtp();
        Inbound mail = Inbound.emergency("Notfall tot");
        mail.appendTo(stack);

        Map<String, Object> dead = Waits.until(
                        Duration.ofSeconds(120),
                        "dead-lettered after the last attempt",
                        () -> outbox.rowsTo(mail.from()),
                        r -> r.size() == 1 && "DEAD".equals(r.get(0).get("status")))
                .get(0);
        assertEquals(ItStack.OUTBOX_MAX_ATTEMPTS, ((Number) dead.get("attempts")).intValue());
        assertFalse(((String) dead.get("last_error")).contains("@"));
        assertNull(dead.get("lease_until"));

        stack.mail().startSmtp();
        Inbound probe = Inbound.emergency("Notfall nach tot");
        Mails.sendRaw(stack.mail().smtpPort(), probe.bytes());
        Waits.until(
                Duration.ofSeconds(90),
                "a later reply goes out",
                () -> !outbox.delivered(probe.from()).isEmpty());
        assertEquals(0, outbox.delivered(mail.from()).size(), "a dead mail is not sent by itself");
        assertEquals("DEAD", outbox.rowsTo(mail.from()).get(0).get("status"));
        String metrics = Http.get(stack.baseUrl() + "/metrics").body();
        assertTrue(Http.metric(metrics, "outbound_queue_depth", "status=\"dead\"") >= 1, metrics);
        assertTrue(Http.metric(metrics, "smtp_send_total", "result=\"dead\"") >= 1, metrics);
    }

    @Test
    void anInterruptedSendIsLookedUpInTheSentFolderNotRepeated() throws Exception {
        // two rows a crashed sender left SENDING: one the server had accepted (it is in Sent), one it had not
        String accepted = Outbox.messageId("accepted");
        String lost = Outbox.messageId("lost");
        String toAccepted = "accepted-" + java.util.UUID.randomUUID() + "@outbox.example";
        String toLost = "lost-" + java.util.UUID.randomUUID() + "@outbox.example";
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        MimeMessage copy = Mails.plain(DevStack.MAILBOX, "accepted before the crash", "x");
        copy.setHeader("Message-ID", accepted);
        stack.mail().sent(user).appendMessage(copy, new jakarta.mail.Flags(), null);
        long a = outbox.insert("SENDING", toAccepted, Mails.unique("Unterbrochen angenommen"), accepted, 1);
        long b = outbox.insert("SENDING", toLost, Mails.unique("Unterbrochen verloren"), lost, 1);

        Waits.until(
                Duration.ofSeconds(60),
                "both settled",
                () -> "SENT".equals(outbox.status(a)) && "SENT".equals(outbox.status(b)));
        assertTrue(((String) outbox.row(a).get("last_error")).contains("Sent folder"));
        assertEquals(0, outbox.delivered(toAccepted).size(), "the accepted one is not sent a second time");
        Waits.until(
                Duration.ofSeconds(30),
                "the other one is delivered",
                () -> outbox.delivered(toLost).size() == 1);
        assertEquals(1L, outbox.inSentFolder(lost));
    }

    @Test
    void anAiDraftIsNeverSentWithoutApprovalAndOnceWithIt() throws Exception {
        String to = "draft-" + java.util.UUID.randomUUID() + "@patient.example";
        long draft = outbox.insert("ai_draft", "DRAFT", to, Mails.unique("KI-Entwurf"), Outbox.messageId("draft"), 0);
        SQLException refused = assertThrows(
                SQLException.class, () -> update("update outbound_mail set status = 'PENDING' where id = " + draft));
        assertTrue(refused.getMessage().contains("check constraint"), refused.getMessage());

        Inbound probe = Inbound.emergency("Notfall neben Entwurf");
        Mails.sendRaw(stack.mail().smtpPort(), probe.bytes());
        Waits.until(
                Duration.ofSeconds(90),
                "a later reply goes out",
                () -> !outbox.delivered(probe.from()).isEmpty());
        assertEquals("DRAFT", outbox.status(draft));
        assertEquals(0, outbox.delivered(to).size());

        // a person approves it: now it leaves, once, and not as automatic mail
        update("update outbound_mail set status = 'PENDING', approved_by = 'staff', approved_at = now() where id = "
                + draft);
        Waits.until(Duration.ofSeconds(60), "the approved draft is sent", () -> "SENT".equals(outbox.status(draft)));
        Waits.until(
                Duration.ofSeconds(30), "delivered", () -> outbox.delivered(to).size() == 1);
        assertNull(outbox.delivered(to).get(0).getMimeMessage().getHeader("Auto-Submitted"));
    }

    static void update(String sql) throws SQLException {
        try (var c = stack.postgres().connect(DevStack.DB_NAME, DevStack.DB_USER, DevStack.DB_PASSWORD);
                var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
