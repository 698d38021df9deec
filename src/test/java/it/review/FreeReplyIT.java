package it.review;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import dev.Waits;
import it.support.Http;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's own reply to a mail that got none (category "other": policy none), through the running
 * mailer: the form offers the recipient code chose, the mail's language, the profile's signature and
 * its templates; bad input is refused with the field at fault; the same reply submitted twice at once
 * is queued once, audited under the person's name and reaches the sender once, threaded under the
 * original; a reply to a mail the loop guard stops is refused.
 */
class FreeReplyIT extends TriageStack {

    static final String PASSWORD = "Lange Antworten schreiben 42";

    @Test
    void aPersonsOwnReplyIsSentOnceThreadedAndAudited() throws Exception {
        triaged.healthyAndSettled(ollama);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String from = Triaged.sender("frei");
        String subject = "Frage zur Praxis " + tag;
        triaged.send(from, subject, "Guten Tag, haben Sie einen Parkplatz?");
        triaged.awaitClassification(subject, Duration.ofSeconds(120));
        Waits.until(
                Duration.ofSeconds(60),
                "the planner decided: no reply (policy none)",
                () -> triaged.classification(subject).get("reply_planned_at") != null);
        assertEquals(List.of(), triaged.replies(subject), "no reply planned for category other");
        long mailId = triaged.mailId(subject);
        String originalId = (String) triaged.db()
                .rows("select message_id from mail_message where id = ?", mailId)
                .get(0)
                .get("message_id");

        String person = person("erika");
        Http.Login erika = Http.login(stack.baseUrl(), person, PASSWORD);

        JsonObject form = json(erika.get("/api/mails/" + mailId + "/reply"));
        assertEquals(from, form.getString("recipient"), "the recipient is the sender, chosen by code");
        assertEquals("de", form.getString("language"));
        assertEquals("Re: " + subject, form.getString("subject"));
        assertTrue(form.getString("signature").contains("Mit freundlichen Grüßen"), form.toString());
        assertTrue(form.getString("signature").contains("(Referenz M" + mailId + ")"), form.toString());
        assertFalse(form.containsKey("refusal"), "no refusal: " + form);
        JsonObject template = form.getJsonArray("templates").stream()
                .map(v -> v.asJsonObject())
                .filter(t -> t.getString("name").equals("acknowledgement"))
                .findFirst()
                .orElseThrow();
        assertTrue(template.getString("body").contains("vielen Dank für Ihre Nachricht"), template.toString());

        // bad input: the field at fault, nothing queued
        assertProblem(erika.post("/api/mails/" + mailId + "/reply", "{\"body\":\"  \"}"), 400, "body");
        assertProblem(erika.post("/api/mails/" + mailId + "/reply", "{}"), 400, "body");
        assertProblem(erika.post("/api/mails/" + mailId + "/reply", body("x".repeat(100_001), null)), 400, "body");
        assertProblem(erika.post("/api/mails/" + mailId + "/reply", body("Text", "zwei\nZeilen")), 400, "subject");
        assertProblem(erika.post("/api/mails/999999999/reply", body("Text", null)), 404, null);
        assertProblem(erika.post("/api/mails/abc/reply", body("Text", null)), 400, "id");
        assertEquals(404, erika.get("/api/mails/999999999/reply").status());
        assertEquals(List.of(), triaged.replies(subject));

        // the same reply twice at once (a double click, two tabs): one is queued, the other refused
        String text = "Guten Tag,\n\nja, hinter dem Haus.\n\n" + form.getString("signature");
        String reply = body(text, null);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Http.Response>> both = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return erika.post("/api/mails/" + mailId + "/reply", reply);
                }))
                .toList();
        go.countDown();
        List<Integer> statuses =
                both.stream().map(f -> f.join().status()).sorted().toList();
        assertEquals(
                List.of(200, 409),
                statuses,
                both.stream().map(f -> f.join().body()).toList().toString());
        Http.Response again = erika.post("/api/mails/" + mailId + "/reply", reply);
        assertProblem(again, 409, null);
        assertTrue(json(again).getString("detail").contains("answered already"), again.body());

        List<Map<String, Object>> rows = triaged.replies(subject);
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals("staff_reply", row.get("kind"));
        assertEquals(person, row.get("approved_by"));
        assertEquals(from, row.get("recipient"));
        assertNull(row.get("drafts_appended_at"), "a person's reply never waits in the Drafts folder");
        long outboundId = ((Number) row.get("id")).longValue();
        assertEquals(
                List.of(Map.of("actor", person, "action", "reply", "new_value", "PENDING")),
                triaged.db()
                        .rows("select actor, action, new_value from review_audit where outbound_id = ?", outboundId));
        Waits.until(
                Duration.ofSeconds(60),
                "the reply is sent",
                () -> "SENT".equals(triaged.replies(subject).get(0).get("status")));
        var user = stack.mail().managers().getUserManager().getUserByEmail(from);
        List<StoredMessage> received = Waits.until(
                Duration.ofSeconds(30),
                "delivered",
                () -> stack.mail().inbox(user).getMessages(),
                l -> !l.isEmpty());
        assertEquals(1, received.size(), "exactly one mail reached the sender");
        MimeMessage sent = received.get(0).getMimeMessage();
        assertEquals(originalId, sent.getHeader("In-Reply-To", null));
        assertTrue(sent.getHeader("References", " ").contains(originalId), sent.getHeader("References", " "));
        assertEquals(row.get("message_id"), sent.getMessageID());
        assertEquals("Re: " + subject, sent.getSubject());
        assertNull(sent.getHeader("Auto-Submitted"), "a person's reply is not automatic");
        assertTrue(((String) sent.getContent()).contains("hinter dem Haus"));
    }

    @Test
    void noReplyWhereTheLoopGuardSaysNo() {
        triaged.healthyAndSettled(ollama);
        String subject = "Abwesenheit " + UUID.randomUUID().toString().substring(0, 8);
        triaged.send(
                Triaged.sender("urlaub"),
                subject,
                "Ich bin bis Montag nicht im Büro.",
                "Auto-Submitted: auto-replied\r\n");
        triaged.awaitClassification(subject, Duration.ofSeconds(120));
        long mailId = triaged.mailId(subject);
        Http.Login staff = Http.staff(stack);
        JsonObject form = json(staff.get("/api/mails/" + mailId + "/reply"));
        assertEquals("auto_submitted", form.getString("refusal"));
        assertFalse(form.containsKey("recipient"), "no recipient for a refused reply: " + form);
        Http.Response r = staff.post("/api/mails/" + mailId + "/reply", body("Danke", null));
        assertProblem(r, 409, null);
        assertTrue(json(r).getString("detail").contains("auto_submitted"), r.body());
        assertEquals(List.of(), triaged.replies(subject));
    }

    @Test
    void aReplyToTheWholeConversationGoesToItsNewestMail() throws Exception {
        triaged.healthyAndSettled(ollama);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String from = Triaged.sender("verlauf");
        String first = "Parkplatz Verlauf " + tag;
        triaged.send(from, first, "Gibt es Parkplätze?");
        triaged.awaitClassification(first, Duration.ofSeconds(120));
        long firstId = triaged.mailId(first);
        String firstMessageId = (String) triaged.db()
                .rows("select message_id from mail_message where id = ?", firstId)
                .get(0)
                .get("message_id");
        String second = "Re: " + first;
        triaged.send(
                from,
                second,
                "Und für Fahrräder?",
                "In-Reply-To: " + firstMessageId + "\r\nReferences: " + firstMessageId + "\r\n");
        triaged.awaitClassification(second, Duration.ofSeconds(120));
        long secondId = triaged.mailId(second);

        Http.Login staff = Http.staff(stack);
        Http.Response r = staff.post(
                "/api/mails/" + firstId + "/reply",
                Json.createObjectBuilder()
                        .add("body", "Ja, für Autos und Fahrräder.")
                        .add("thread", true)
                        .build()
                        .toString());
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(), triaged.replies(first), "not the first mail's reply");
        Map<String, Object> row = triaged.replies(second).get(0);
        assertEquals("staff_reply", row.get("kind"));
        String secondMessageId = (String) triaged.db()
                .rows("select message_id from mail_message where id = ?", secondId)
                .get(0)
                .get("message_id");
        assertEquals(secondMessageId, row.get("in_reply_to"), "threaded under the newest mail");
        assertEquals(firstMessageId + " " + secondMessageId, row.get("references_hdr"));
    }

    static String person(String prefix) {
        String name = prefix + "." + UUID.randomUUID().toString().substring(0, 6);
        Http.Response r = Http.admin(stack)
                .post(
                        "/api/people",
                        Json.createObjectBuilder()
                                .add("name", name)
                                .add("role", "staff")
                                .add("password", PASSWORD)
                                .build()
                                .toString());
        assertEquals(201, r.status(), r.body());
        return name;
    }

    static String body(String text, String subject) {
        var b = Json.createObjectBuilder().add("body", text);
        if (subject != null) {
            b.add("subject", subject);
        }
        return b.build().toString();
    }

    static void assertProblem(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"));
        if (field != null) {
            assertEquals(field, json(r).getString("field"), r.body());
        }
    }

    static JsonObject json(Http.Response r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
