package it.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Http;
import it.support.Mails;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 3834 in the running mailer: automatic mail, bounces, list mail and system senders get no
 * automatic reply, even when they would otherwise get one (an emergency), and one sender gets at most
 * one automatic reply a day.
 */
class LoopGuardIT extends TriageStack {

    static final String EMERGENCY = "Ich habe starke Brustschmerzen.";

    @Test
    void automaticBulkListBounceAndSystemMailGetsNoReply() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("auto-replied", new String[] {Triaged.sender("ooo"), "Auto-Submitted: auto-replied\r\n"});
        cases.put("auto-generated", new String[] {Triaged.sender("gen"), "Auto-Submitted: auto-generated\r\n"});
        cases.put("x-autoreply", new String[] {Triaged.sender("xar"), "X-Autoreply: yes\r\n"});
        cases.put("bulk", new String[] {Triaged.sender("bulk"), "Precedence: bulk\r\n"});
        cases.put("list", new String[] {Triaged.sender("list"), "List-Id: <patients.list.example>\r\n"});
        cases.put(
                "unsubscribe", new String[] {Triaged.sender("news"), "List-Unsubscribe: <https://list.example/u>\r\n"});
        cases.put("mailer-daemon", new String[] {"MAILER-DAEMON@mx.patient.example", ""});
        cases.put("no-reply", new String[] {"no-reply@shop.example", ""});
        cases.put("postmaster", new String[] {"postmaster@patient.example", ""});
        cases.put("ourselves", new String[] {DevStack.MAILBOX, ""});
        List<String> subjects = new ArrayList<>();
        for (var e : cases.entrySet()) {
            String subject = Mails.unique("Schleife " + e.getKey());
            subjects.add(subject);
            triaged.send(e.getValue()[0], subject, EMERGENCY, e.getValue()[1]);
        }
        String bounce = Mails.unique("Schleife dsn");
        subjects.add(bounce);
        String dsn = "From: Mail Delivery System <mailer-daemon@mx.example>\r\nTo: " + DevStack.MAILBOX
                + "\r\nSubject: "
                + bounce + "\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@mx.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nUndeliverable: Brustschmerzen\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
                + "Final-Recipient: rfc822; someone@patient.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), dsn.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (String s : subjects) {
            Map<String, Object> c = triaged.awaitClassification(s, Duration.ofSeconds(90));
            assertTrue(Triaged.CATEGORIES.contains((String) c.get("category")), s);
        }
        // a normal emergency after them is answered, so the pipeline did run for the ones before
        String probe = Mails.unique("Schleife Kontrolle");
        String probeFrom = Triaged.sender("echt");
        triaged.send(probeFrom, probe, EMERGENCY);
        Waits.until(
                Duration.ofSeconds(90),
                "the genuine emergency is answered",
                () -> triaged.replies(probe).size() == 1);
        for (String s : subjects) {
            assertEquals(List.of(), triaged.replies(s), s + ": no reply queued");
        }
        String metrics = Http.get(stack.baseUrl() + "/metrics").body();
        for (String reason : List.of("auto_submitted", "precedence", "mailing_list", "own_address")) {
            assertTrue(Http.metric(metrics, "auto_replies_suppressed_total", "reason=\"" + reason + "\"") >= 1, reason);
        }
    }

    @Test
    void oneSenderGetsOneAutomaticReplyPerDay() {
        String from = Triaged.sender("oft");
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String subject = Mails.unique("Mehrfach " + i);
            subjects.add(subject);
            triaged.send(from, subject, EMERGENCY);
        }
        for (String s : subjects) {
            triaged.awaitClassification(s, Duration.ofSeconds(90));
        }
        Waits.until(
                Duration.ofSeconds(60),
                "the one reply is sent",
                () -> triaged.db()
                                .count(
                                        "select count(*) from outbound_mail where recipient = ? and status = 'SENT'",
                                        from)
                        == 1);
        assertEquals(1, triaged.db().count("select count(*) from outbound_mail where recipient = ?", from));
        var user = stack.mail().managers().getUserManager().getUserByEmail(from);
        assertEquals(1, stack.mail().inbox(user).getMessages().size(), "delivered once");
        assertTrue(Http.metric(
                        Http.get(stack.baseUrl() + "/metrics").body(),
                        "auto_replies_suppressed_total",
                        "reason=\"daily_cap\"")
                >= 2);
    }
}
