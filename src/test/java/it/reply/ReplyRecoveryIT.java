package it.reply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import dev.OllamaStandIn;
import dev.Waits;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash (or a failing enqueue) between a mail's classification and its reply planning must not
 * lose the reply. Here the database is put into exactly that state (classified ten minutes
 * ago, no reply decision, no outbound row) and the running mailer's reply sweep must plan it: an
 * emergency gets its fixed template with 112 / 116117 sent, an AI draft is asked for once, even
 * while the sweep keeps running during the model's answer.
 */
class ReplyRecoveryIT extends TriageStack {

    @Test
    void anEmergencyWhosePlanWasLostGetsItsTemplateSentOnce() throws Exception {
        String from = Triaged.sender("verloren");
        String subject = "Notfall verloren " + UUID.randomUUID().toString().substring(0, 8);
        String messageId =
                triaged.lostPlan(from, subject, "Ich habe starke Brustschmerzen und Atemnot.", "emergency", "urgent");

        List<StoredMessage> got = Waits.until(
                Duration.ofSeconds(90),
                "the emergency template reaches the patient",
                () -> delivered(from),
                l -> !l.isEmpty());
        List<Map<String, Object>> rows = triaged.replies(subject);
        assertEquals(1, rows.size());
        assertEquals("template_auto", rows.get(0).get("kind"));
        assertEquals("emergency", rows.get(0).get("template"));
        Map<String, Object> c = triaged.classification(subject);
        assertNotNull(c.get("reply_planned_at"), "the decision is recorded");
        assertEquals("queued", c.get("reply_outcome"));
        assertNull(c.get("reply_lease_until"));

        MimeMessage reply = got.get(0).getMimeMessage();
        String text = (String) reply.getContent();
        assertTrue(text.contains("112") && text.contains("116117"), text);
        assertEquals(messageId, reply.getHeader("In-Reply-To")[0]);
        assertEquals("auto-replied", reply.getHeader("Auto-Submitted")[0]);
        Waits.until(
                Duration.ofSeconds(30),
                "the row is SENT",
                () -> "SENT".equals(triaged.replies(subject).get(0).get("status")));
        assertEquals(1, delivered(from).size(), "once");
        assertEquals(1, triaged.replies(subject).size());
    }

    @Test
    void anAiDraftWhosePlanWasLostIsAskedForOnceWhileTheSweepKeepsRunning() {
        triaged.healthyAndSettled(stack.ollama()); // a free model slot for the draft
        String tag = "Terminwunsch-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger draftRequests = new AtomicInteger();
        // the model takes its time (below the 3 s deadline); the sweep runs every second meanwhile
        stack.ollama().latency(Duration.ofMillis(1500)).answerFor(request -> {
            if (!request.contains("\"format\"") && request.contains(tag)) {
                draftRequests.incrementAndGet();
            }
            return request.contains("\"format\"")
                    ? OllamaStandIn.DEFAULT_ANSWER
                    : "Guten Tag, gern vereinbaren wir einen Termin. Wir melden uns.";
        });
        String from = Triaged.sender("entwurf");
        String subject = "Termin verloren " + tag;
        triaged.lostPlan(from, subject, "Ich möchte einen Termin vereinbaren. " + tag, "appointment_new", "normal");

        Map<String, Object> c = Waits.until(
                Duration.ofSeconds(90),
                "the draft is planned",
                () -> triaged.classification(subject),
                r -> r.get("reply_planned_at") != null);
        assertEquals("queued", c.get("reply_outcome"));
        List<Map<String, Object>> rows = triaged.replies(subject);
        assertEquals(1, rows.size());
        assertEquals("ai_draft", rows.get(0).get("kind"), "the model's text, not the template fallback");
        assertEquals("DRAFT", rows.get(0).get("status"));
        assertTrue(((String) rows.get(0).get("body")).contains("gern vereinbaren wir einen Termin"));
        assertEquals(1, draftRequests.get(), "the model was asked once: the sweep left the claimed mail alone");
        assertTrue(delivered(from).isEmpty(), "a draft is not sent");
    }

    List<StoredMessage> delivered(String to) {
        var user = stack.mail().managers().getUserManager().getUserByEmail(to);
        return user == null ? List.of() : stack.mail().inbox(user).getMessages();
    }
}
