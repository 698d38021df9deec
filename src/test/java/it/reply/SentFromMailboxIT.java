package it.reply;

import java.io.StringReader;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.Waits;
import it.support.Http;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A draft sent from the mailbox's Drafts folder (as a person would in Gmail) instead of approved on the
 * page, through the running mailer: found in the Sent folder, by our copy's Message-ID just before an
 * approval, or by the sweep as a reply of the mailbox's own (a Message-ID of Gmail's, threaded like ours).
 * The draft is then SENT and never sent by the mailer, and approving it is refused with the reason.
 */
class SentFromMailboxIT extends TriageStack {

    static final String RESULTS = "{\"category\":\"results_question\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Befundfrage\",\"needs_reply\":true,\"confidence\":0.9}";

    @Test
    void aDraftSentFromTheMailboxIsNotSentAgainAndCannotBeApproved() throws Exception {
        triaged.healthyAndSettled(ollama);
        ollama.answer(RESULTS);
        GreenMailUser mailbox = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);

        // 1. the copy itself is in the Sent folder: the approval finds it and is refused
        String from = Triaged.sender("gmail");
        Map<String, Object> draft = draftWithCopy(from, "Befund Gmail " + tag());
        StoredMessage copy = copy(mailbox, (String) draft.get("message_id"));
        sendFromGmail(mailbox, copy.getMimeMessage());
        long id = ((Number) draft.get("id")).longValue();
        Http.Login staff = Http.staff(stack);
        Http.Response approve =
                staff.post("/api/drafts/" + id + "/approve", "{\"body\":\"Guten Tag, bitte rufen Sie an.\"}");
        assertEquals(409, approve.status(), approve.body());
        assertTrue(json(approve).getString("detail").contains("sent from the mailbox's Drafts folder"), approve.body());
        Map<String, Object> row = row(id);
        assertEquals("SENT", row.get("status"));
        assertEquals(0, ((Number) row.get("attempts")).intValue(), "the mailer never tried to send it");
        assertNull(row.get("approved_by"), "no person of ours approved it");
        assertEquals(
                1L,
                triaged.db()
                        .count(
                                "select count(*) from draft_copy where outbound_id = ? and sent_in_mailbox_at is not null",
                                id));
        JsonObject shown = json(staff.get("/api/mails/" + draft.get("mail_id"))).getJsonObject("draft");
        assertEquals("SENT", shown.getString("status"));
        assertTrue(shown.getBoolean("sentFromMailbox"));
        assertEquals(0L, triaged.db().count("select count(*) from review_audit where outbound_id = ?", id));

        // 2. Gmail gave it a Message-ID of its own: the sweep finds the reply to the same mail and recipient
        String other = Triaged.sender("gmail2");
        Map<String, Object> second = draftWithCopy(other, "Befund Gmail neu " + tag());
        MimeMessage own =
                new MimeMessage(copy(mailbox, (String) second.get("message_id")).getMimeMessage()) {
                    @Override
                    protected void updateMessageID() throws jakarta.mail.MessagingException {
                        setHeader("Message-ID", "<" + UUID.randomUUID() + "@mail.gmail.com>");
                    }
                };
        own.saveChanges();
        sendFromGmail(mailbox, own);
        long secondId = ((Number) second.get("id")).longValue();
        Waits.until(
                Duration.ofSeconds(60),
                "the sweep notices the send",
                () -> "SENT".equals(row(secondId).get("status")));
        Http.Response late = staff.post("/api/drafts/" + secondId + "/approve", "{\"body\":\"Guten Tag.\"}");
        assertEquals(409, late.status(), late.body());
        assertTrue(json(late).getString("detail").contains("sent from the mailbox's Drafts folder"), late.body());
        assertEquals(0, ((Number) row(secondId).get("attempts")).intValue());
        // neither reached its patient from the mailer (the outbox never took a SENT row)
        for (String to : List.of(from, other)) {
            GreenMailUser patient = stack.mail().managers().getUserManager().getUserByEmail(to);
            assertTrue(patient == null || stack.mail().inbox(patient).getMessageCount() == 0, to);
        }
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Map<String, Object> draftWithCopy(String from, String subject) {
        triaged.send(from, subject, "Guten Tag, sind meine Blutwerte schon da?");
        return Waits.until(
                        Duration.ofSeconds(120),
                        "the draft is queued and copied to the Drafts folder",
                        () -> triaged.replies(subject),
                        r -> !r.isEmpty() && r.get(0).get("drafts_appended_at") != null)
                .get(0);
    }

    /** What Gmail does when a person sends a draft: the message is filed in Sent and leaves Drafts. */
    void sendFromGmail(GreenMailUser mailbox, MimeMessage message) throws Exception {
        stack.mail().sent(mailbox).appendMessage(message, new Flags(Flags.Flag.SEEN), new Date());
    }

    StoredMessage copy(GreenMailUser mailbox, String messageId) {
        return stack.mail().drafts(mailbox).getMessages().stream()
                .filter(m -> {
                    try {
                        return messageId.equals(m.getMimeMessage().getMessageID());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
    }

    Map<String, Object> row(long id) {
        return triaged.db().rows("select * from outbound_mail where id = ?", id).get(0);
    }

    static JsonObject json(Http.Response r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
