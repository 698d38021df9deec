package it.reply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import dev.DevStack;
import dev.Waits;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With mailer.reply.drafts-folder set (the test stack names the "Drafts" folder every GreenMail user
 * has), an AI draft lands in the mailbox's Drafts folder for staff to review: once, flagged as a
 * draft, threaded to the original, with the queue row's Message-ID, and it is not sent. Once decided,
 * the copy leaves the folder again.
 */
class DraftsFolderIT extends TriageStack {

    static final String APPOINTMENT = "{\"category\":\"appointment_new\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Terminwunsch\",\"needs_reply\":true,\"confidence\":0.9}";

    @Test
    void anAiDraftIsCopiedToTheDraftsFolderOnceThreadedAndNotSent() throws Exception {
        // re-classification after earlier tests must not fill the bulkhead: the draft needs a model slot
        triaged.healthyAndSettled(stack.ollama());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        stack.ollama()
                .answerFor(request -> request.contains("\"format\"")
                        ? APPOINTMENT
                        // no tag in the text: a run of its hex digits would read as a foreign number (DraftCheck)
                        : "Guten Tag, gern schlagen wir Ihnen einen Termin am Dienstag vor. Viele Grüße");
        String from = Triaged.sender("gmailentwurf");
        String subject = "Termin im Entwurf " + tag;
        triaged.send(
                from,
                subject,
                "Guten Tag, ich hätte gern einen Termin nächste Woche.",
                "References: <vorher-" + tag + "@patient.example>\r\n");

        Map<String, Object> row = Waits.until(
                        Duration.ofSeconds(120),
                        "the AI draft is queued",
                        () -> triaged.replies(subject),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("ai_draft", row.get("kind"));
        String messageId = (String) row.get("message_id");
        List<StoredMessage> copies = Waits.until(
                Duration.ofSeconds(60),
                "the draft is in the Drafts folder",
                () -> copies(messageId),
                l -> !l.isEmpty());
        assertEquals(1, copies.size());
        Waits.until(
                Duration.ofSeconds(30),
                "the copy is recorded",
                () -> triaged.replies(subject).get(0).get("drafts_appended_at") != null);

        StoredMessage copy = copies.get(0);
        assertTrue(copy.getFlags().contains(Flags.Flag.DRAFT), "flagged \\Draft");
        MimeMessage m = copy.getMimeMessage();
        String original = (String) triaged.db()
                .rows("select message_id from mail_message where subject = ?", subject)
                .get(0)
                .get("message_id");
        assertEquals(messageId, m.getMessageID());
        assertEquals(original, m.getHeader("In-Reply-To")[0]);
        assertEquals("<vorher-" + tag + "@patient.example> " + original, m.getHeader("References")[0]);
        assertEquals(DevStack.MAILBOX, ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals(1, m.getAllRecipients().length);
        assertEquals(from, ((InternetAddress) m.getAllRecipients()[0]).getAddress(), "the recipient code chose");
        assertEquals("Re: " + subject, m.getSubject());
        assertNull(m.getHeader("Auto-Submitted"));
        assertTrue(((String) m.getContent()).contains("Dienstag"));

        // a crash between APPEND and recording it: the next pass finds the copy by its Message-ID
        triaged.db()
                .rows(
                        "update draft_copy set appended_at = null where outbound_id ="
                                + " (select id from outbound_mail where message_id = ?) returning outbound_id",
                        messageId);
        Waits.until(
                Duration.ofSeconds(60),
                "recorded again",
                () -> triaged.replies(subject).get(0).get("drafts_appended_at") != null);
        assertEquals(1, copies(messageId).size(), "not appended a second time");

        assertEquals("DRAFT", triaged.replies(subject).get(0).get("status"));
        assertNull(stack.mail().managers().getUserManager().getUserByEmail(from), "nothing was sent to the patient");
        assertNotNull(row.get("recipient"));

        // a person rejects the draft on the review page: its copy leaves the Drafts folder, so the mailbox agrees
        long outboundId = ((Number) row.get("id")).longValue();
        assertEquals(
                200,
                it.support.Http.staff(stack)
                        .post("/api/drafts/" + outboundId + "/reject", "{}")
                        .status());
        assertEquals("REJECTED", triaged.replies(subject).get(0).get("status"));
        Waits.until(
                Duration.ofSeconds(20),
                "the rejected draft's copy is removed",
                () -> copies(messageId).isEmpty());
        Waits.until(
                Duration.ofSeconds(30),
                "the removal is recorded",
                () -> triaged.replies(subject).get(0).get("drafts_removed_at") != null);
    }

    List<StoredMessage> copies(String messageId) {
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        return stack.mail().drafts(user).getMessages().stream()
                .filter(m -> {
                    try {
                        return messageId.equals(m.getMimeMessage().getMessageID());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }
}
