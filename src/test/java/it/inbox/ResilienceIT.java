package it.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outages and restarts of every part: nothing lost, nothing stored twice, health tells the truth. */
class ResilienceIT {

    static DevStack stack;
    static Db db;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        db = new Db(stack);
    }

    @Test
    void imapDownAndBack() {
        stack.mail().stopImap();
        try {
            Waits.until(
                    Duration.ofSeconds(30),
                    "readiness reports IMAP down",
                    () -> check("imap").contains("\"status\":\"DOWN\""));
            assertEquals(503, Http.get(stack.baseUrl() + "/health/ready").status());
            assertEquals(
                    200, Http.get(stack.baseUrl() + "/health/live").status(), "an IMAP outage is no reason to restart");
            String subject = Mails.unique("Waehrend IMAP weg");
            Mails.send(stack.mail().smtpPort(), Mails.plain("a@outage.example", subject, "x"));
            stack.mail().startImap();
            Waits.until(
                    Duration.ofSeconds(60),
                    "the mail is stored after IMAP is back",
                    () -> db.mailsWithSubject(subject).size() == 1);
            Waits.until(
                    Duration.ofSeconds(30),
                    "ready again",
                    () -> Http.get(stack.baseUrl() + "/health/ready").status() == 200);
            assertEquals(1, db.mailsWithSubject(subject).size());
        } finally {
            stack.mail().startImap();
        }
    }

    @Test
    void databaseDownAndBack() {
        stack.postgres().stop();
        try {
            Waits.until(
                    Duration.ofSeconds(30),
                    "readiness reports the database down",
                    () -> check("database").contains("\"status\":\"DOWN\""));
            String subject = Mails.unique("Waehrend DB weg");
            Mails.send(stack.mail().smtpPort(), Mails.plain("b@outage.example", subject, "y"));
            // polls fail meanwhile; the mail stays on the server and nothing advances
            Waits.until(
                    Duration.ofSeconds(30),
                    "a poll failed while the database was down",
                    () -> Http.metric(
                                    Http.get(stack.baseUrl() + "/metrics").body(),
                                    "emails_failed_total",
                                    "reason=\"store_error\"")
                            >= 1);
            stack.postgres().start();
            Waits.until(
                    Duration.ofSeconds(90),
                    "ready again",
                    () -> Http.get(stack.baseUrl() + "/health/ready").status() == 200);
            Waits.until(
                    Duration.ofSeconds(60),
                    "the mail is stored after the database is back",
                    () -> db.mailsWithSubject(subject).size() == 1);
        } finally {
            stack.postgres().start();
        }
    }

    @Test
    void aNewUidValidityRereadsTheFolderWithoutStoringAnythingTwice() throws Exception {
        String subject = Mails.unique("Vor UIDVALIDITY");
        Mails.send(stack.mail().smtpPort(), Mails.plain("c@uid.example", subject, "z"));
        Waits.until(
                Duration.ofSeconds(30),
                "stored",
                () -> db.mailsWithSubject(subject).size() == 1);
        long before = db.count("select count(*) from mail_message");
        long oldValidity = ((Number) db.rows("select uid_validity from imap_folder_state")
                        .get(0)
                        .get("uid_validity"))
                .longValue();

        // the server forgets its UIDs: a new INBOX holding the same messages
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        List<MimeMessage> kept = new ArrayList<>();
        for (StoredMessage m : stack.mail().inbox(user).getMessages()) {
            kept.add(m.getMimeMessage());
        }
        MailFolder fresh = stack.mail().recreateInbox(user);
        for (MimeMessage m : kept) {
            fresh.appendMessage(m, new Flags(), null);
        }
        assertTrue(fresh.getUidValidity() != oldValidity, "the test server really changed UIDVALIDITY");
        String after = Mails.unique("Nach UIDVALIDITY");
        Mails.send(stack.mail().smtpPort(), Mails.plain("d@uid.example", after, "w"));

        Waits.until(
                Duration.ofSeconds(60),
                "the new mail is stored",
                () -> db.mailsWithSubject(after).size() == 1);
        assertEquals(
                fresh.getUidValidity(),
                ((Number) db.rows("select uid_validity from imap_folder_state")
                                .get(0)
                                .get("uid_validity"))
                        .longValue());
        assertEquals(before + 1, db.count("select count(*) from mail_message"), "only the new mail was added");
        assertEquals(1, db.mailsWithSubject(subject).size());
        // what the folder held when the mailer saw the change is history: never answered (again)
        var start = db.rows("select start_reason, history_until_uid from imap_folder_state")
                .get(0);
        assertEquals("uidvalidity_change", start.get("start_reason"));
        assertTrue(((Number) start.get("history_until_uid")).longValue() > 0, start.toString());
    }

    @Test
    void killedMidBatchTheMailerLosesAndDuplicatesNothing() {
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        String tag = Mails.unique("Massenpost");
        int n = 150;
        // a burst straight into the mailbox, larger than a few batches of 10
        for (int i = 0; i < n; i++) {
            stack.mail()
                    .inbox(user)
                    .appendMessage(
                            Mails.withAttachments(
                                    "bulk" + i + "@burst.example", tag + " #" + i, "Nachricht " + i, 1, 30_000),
                            new Flags(),
                            null);
        }
        String like = tag + " #%";
        Waits.until(
                Duration.ofSeconds(60),
                "ingest has begun",
                () -> db.count("select count(*) from mail_message where subject like ?", like) > 0);
        stack.liberty().kill();
        long atKill = db.count("select count(*) from mail_message where subject like ?", like);
        assertTrue(atKill < n, "killed in the middle (" + atKill + " of " + n + " stored)");

        stack.startMailer(ItStack.READY);
        Waits.until(
                Duration.ofSeconds(120),
                "all " + n + " mails stored after the restart",
                () -> db.count("select count(*) from mail_message where subject like ?", like) == n);
        assertEquals(n, db.count("select count(distinct subject) from mail_message where subject like ?", like));
        assertEquals(
                0,
                db.count(
                        "select count(*) from mail_message m where m.subject like ? and"
                                + " not exists (select 1 from mail_raw r where r.mail_id = m.id)",
                        like),
                "every raw message kept");
        // and the after-store action reached every one of them, including those stored just before the kill
        Waits.until(
                Duration.ofSeconds(60),
                "every mail marked seen on the server",
                () -> db.count(
                                "select count(*) from mail_message where subject like ? and server_action <> 'DONE'",
                                like)
                        == 0);
    }

    static String check(String name) {
        String body = Http.get(stack.baseUrl() + "/health/ready").body();
        int at = body.indexOf("\"name\":\"" + name + "\"");
        return at < 0 ? "" : body.substring(at, Math.min(body.length(), body.indexOf('}', at) + 1));
    }
}
