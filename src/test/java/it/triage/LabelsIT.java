package it.triage;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Http;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Triage shows in the mailbox: the test stack runs with mailer.labels.mode=folders (as on Gmail,
 * where a folder is a label), so a classified mail is copied into the praxis profile's label folders
 * "Mailer/Notfall" and "Mailer/Priorität/Dringend" (with GreenMail's '.' separator), once, and moves
 * to the new labels when its classification changes: re-classified, or corrected by staff on the
 * review page.
 */
class LabelsIT extends TriageStack {

    static final String EMERGENCY = "{\"category\":\"emergency\",\"priority\":\"urgent\",\"language\":\"de\","
            + "\"summary\":\"Atemnot\",\"needs_reply\":true,\"confidence\":0.95}";

    @Test
    void aClassifiedMailCarriesItsLabelsOnceAndTheyFollowACorrection() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = "Label " + tag;
        stack.ollama().answer(EMERGENCY);
        triaged.send(Triaged.sender("label"), subject, "Mein Vater hat seit einer Stunde starke Atemnot.");
        triaged.awaitClassification(subject, Duration.ofSeconds(60));
        String messageId = (String) triaged.db()
                .rows("select message_id from mail_message where subject = ?", subject)
                .get(0)
                .get("message_id");

        Waits.until(
                Duration.ofSeconds(60),
                "the mail is in Mailer.Notfall and Mailer.Priorität.Dringend",
                () -> copies("Mailer.Notfall", messageId) == 1 && copies("Mailer.Priorität.Dringend", messageId) == 1);
        Waits.until(
                Duration.ofSeconds(30), "the labels are recorded", () -> "emergency urgent".equals(labels(subject)));

        // labelled again (a crash between COPY and the record): found by Message-ID, not copied twice
        triaged.db()
                .rows(
                        "update classification c set labels_applied = null, updated_at = now() from mail_message m"
                                + " where m.id = c.mail_id and m.subject = ? returning c.mail_id",
                        subject);
        Waits.until(Duration.ofSeconds(30), "recorded again", () -> "emergency urgent".equals(labels(subject)));
        assertEquals(1, copies("Mailer.Notfall", messageId), "not copied a second time");
        assertEquals(1, copies("Mailer.Priorität.Dringend", messageId));

        // a re-classification changes category and priority: the labels move with it
        triaged.db()
                .rows(
                        "update classification c set category = 'billing', priority = 'normal', updated_at = now()"
                                + " from mail_message m where m.id = c.mail_id and m.subject = ? returning c.mail_id",
                        subject);
        Waits.until(
                Duration.ofSeconds(60),
                "the mail moved to Mailer.Abrechnung and Mailer.Priorität.Normal",
                () -> copies("Mailer.Abrechnung", messageId) == 1
                        && copies("Mailer.Priorität.Normal", messageId) == 1
                        && copies("Mailer.Notfall", messageId) == 0
                        && copies("Mailer.Priorität.Dringend", messageId) == 0);

        // staff correct the category on the review page: the category label follows at once
        long mailId = triaged.mailId(subject);
        assertEquals(
                200,
                Http.staff(stack)
                        .put("/api/mails/" + mailId + "/category", "{\"category\":\"prescription\"}")
                        .status());
        Waits.until(
                Duration.ofSeconds(20),
                "the mail moved from Mailer.Abrechnung to Mailer.Rezept",
                () -> copies("Mailer.Rezept", messageId) == 1 && copies("Mailer.Abrechnung", messageId) == 0);
        assertEquals(1, copies("Mailer.Priorität.Normal", messageId));
        assertEquals(1, copies("INBOX", messageId), "the mail itself stays where it was");
    }

    /** How many messages with this Message-ID the folder holds, read over IMAP like a mail client. */
    static int copies(String folder, String messageId) {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "5000");
        p.setProperty("mail.imap.timeout", "5000");
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect("127.0.0.1", stack.mail().imapPort(), DevStack.LOGIN, DevStack.PASSWORD);
            try {
                Folder f = store.getFolder(folder);
                if (!f.exists()) {
                    return 0;
                }
                f.open(Folder.READ_ONLY);
                try {
                    return f.search(new MessageIDTerm(messageId)).length;
                } finally {
                    f.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String labels(String subject) {
        return (String) triaged.db()
                .rows(
                        "select c.labels_applied from classification c join mail_message m"
                                + " on m.id = c.mail_id where m.subject = ?",
                        subject)
                .get(0)
                .get("labels_applied");
    }
}
