package it.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mailbox;
import it.support.Mails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail arrives over real SMTP, is fetched over real IMAP by the running mailer, and lands once. */
class FetchIT {

    static DevStack stack;
    static Db db;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        db = new Db(stack);
    }

    @Test
    void aMailWithAttachmentsIsStoredOnceWithItsFieldsAndMarkedSeenAfterwards() {
        String subject = Mails.unique("Befund mit Anhang");
        MimeMessage mail = Mails.withAttachments(
                "Erika Beispiel <erika@patient.example>", subject, "Guten Tag,\nanbei meine Befunde.", 2, 20_000);
        byte[] sent = Mails.bytes(mail);
        Mails.send(stack.mail().smtpPort(), mail);

        List<Map<String, Object>> rows = Waits.until(
                Duration.ofSeconds(30), "the mail is stored", () -> db.mailsWithSubject(subject), r -> !r.isEmpty());
        Map<String, Object> row = rows.get(0);
        assertEquals("STORED", row.get("status"));
        assertEquals("Erika Beispiel <erika@patient.example>", row.get("from_addr"));
        assertEquals(DevStack.MAILBOX, row.get("to_addrs"));
        assertEquals(2, row.get("attachment_count"));
        assertTrue(((String) row.get("text_body")).startsWith("Guten Tag,\nanbei meine Befunde."));
        assertTrue(
                ((Number) row.get("raw_length")).longValue() >= sent.length,
                "the raw message is kept whole (the server adds trace headers)");

        // polling again, on demand and by the timer, never stores it twice
        assertEquals(200, Http.admin(stack).post("/api/ops/poll").status());
        assertEquals(200, Http.admin(stack).post("/api/ops/poll").status());
        assertEquals(1, db.mailsWithSubject(subject).size());

        // after the commit, the configured server action: marked \Seen on the server
        Waits.until(
                Duration.ofSeconds(20),
                "the message is flagged \\Seen on the server",
                () -> Mailbox.withSubject(stack, subject)
                        .map(m -> m.getFlags().contains(Flags.Flag.SEEN))
                        .orElse(false));
        Waits.until(
                Duration.ofSeconds(20),
                "server_action recorded as DONE",
                () -> "DONE".equals(db.mailsWithSubject(subject).get(0).get("server_action")));
    }

    @Test
    void anHtmlOnlyMailIsKeptAsSafeTextWithoutScriptsOrMarkup() {
        String subject = Mails.unique("Bestellung HTML");
        String raw = "From: shop@kunde.example\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@kunde.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{}</style><script>alert(1)</script></head><body><p>Hallo <b>Team</b></p>"
                + "<img src=\"http://tracker.example/x.gif\"><p>Zeile zwei</p></body></html>\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), raw.getBytes(StandardCharsets.UTF_8));

        Map<String, Object> row = Waits.until(
                        Duration.ofSeconds(30),
                        "the mail is stored",
                        () -> db.mailsWithSubject(subject),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("STORED", row.get("status"));
        assertNull(row.get("text_body"));
        assertEquals("Hallo Team\nZeile zwei", row.get("html_text"));
    }

    @Test
    void anUnparseableMailIsStoredRawWithParseErrorAndNeverFetchedAgain() {
        // nested deeper than anyone sends: refused by the strict and by the lenient reading
        String subject = Mails.unique("Kaputt");
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            nested.append("Content-Type: multipart/mixed; boundary=\"n")
                    .append(i)
                    .append("\"\r\n\r\n--n")
                    .append(i)
                    .append("\r\n");
        }
        String raw = "From: broken@sender.example\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject
                + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\n" + nested + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "@@@ this is not base64 !!!\r\n--b1--\r\n";
        byte[] bytes = raw.getBytes(StandardCharsets.US_ASCII);
        Mails.sendRaw(stack.mail().smtpPort(), bytes);

        Map<String, Object> row = Waits.until(
                        Duration.ofSeconds(30),
                        "the broken mail is recorded",
                        () -> db.rows(
                                "select m.*, r.raw from mail_message m join mail_raw r on r.mail_id = m.id"
                                        + " where m.status = 'PARSE_ERROR' and position(? in convert_from(r.raw, 'UTF8')) > 0",
                                subject),
                        r -> !r.isEmpty())
                .get(0);
        assertTrue(((String) row.get("error")).contains("MIME nesting deeper than"), "the reason is recorded");
        String stored = new String((byte[]) row.get("raw"), StandardCharsets.US_ASCII);
        assertTrue(
                stored.contains(nested + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "@@@ this is not base64 !!!\r\n--b1--"),
                "the unreadable body is kept byte for byte: " + stored);

        long before = db.count("select count(*) from mail_message where status = 'PARSE_ERROR'");
        assertEquals(200, Http.admin(stack).post("/api/ops/poll").status());
        assertEquals(before, db.count("select count(*) from mail_message where status = 'PARSE_ERROR'"));
    }

    @Test
    void aMailTheDatabaseRefusesAsParsedIsStoredRawAndDoesNotBlockTheMailAfterIt() {
        // a Message-ID far beyond what PostgreSQL's btree index takes (2704 bytes), random so it does not compress
        java.util.Random random = new java.util.Random(42);
        StringBuilder id = new StringBuilder("<");
        for (int i = 0; i < 12_000; i++) {
            id.append((char) ('a' + random.nextInt(26)));
        }
        String subject = Mails.unique("Feindselig");
        String raw = "From: hostile@sender.example\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject
                + "\r\nMessage-ID: " + id + "@sender.example>\r\nContent-Type: text/plain\r\n\r\nHallo\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), raw.getBytes(StandardCharsets.US_ASCII));
        String after = Mails.unique("Danach");
        Mails.send(stack.mail().smtpPort(), Mails.plain("patient@patient.example", after, "Guten Tag"));

        Map<String, Object> next = Waits.until(
                        Duration.ofSeconds(30),
                        "the mail after the hostile one is stored",
                        () -> db.mailsWithSubject(after),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("STORED", next.get("status"));
        Map<String, Object> hostile = Waits.until(
                        Duration.ofSeconds(10),
                        "the hostile mail is recorded",
                        () -> db.rows(
                                "select m.*, length(r.raw) as raw_length from mail_message m join mail_raw r on r.mail_id = m.id"
                                        + " where m.status = 'PARSE_ERROR' and position(? in convert_from(r.raw, 'UTF8')) > 0",
                                subject),
                        r -> !r.isEmpty())
                .get(0);
        assertTrue(((String) hostile.get("error")).contains("the database refused the parsed mail"), (String)
                hostile.get("error"));
        assertNull(hostile.get("message_id"));
        assertTrue(((Number) hostile.get("raw_length")).longValue() > 12_000, "the whole mail is kept raw");
        assertEquals(
                1,
                db.count("select count(*) from mail_message where content_sha256 = ?", hostile.get("content_sha256")),
                "stored once, not fetched again");
    }

    @Test
    void anOversizedMailIsRecordedButNotDownloaded() {
        String subject = Mails.unique("Riesig");
        MimeMessage big =
                Mails.withAttachments("big@sender.example", subject, "viel", 1, (int) ItStack.MAX_MESSAGE_BYTES);
        String messageId = messageId(big);
        Mails.send(stack.mail().smtpPort(), big);

        Map<String, Object> row = Waits.until(
                        Duration.ofSeconds(30),
                        "the oversized mail is recorded",
                        () -> db.rows(
                                "select m.*, (select count(*) from mail_raw r where r.mail_id = m.id) as raws"
                                        + " from mail_message m where m.message_id = ?",
                                messageId),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("TOO_LARGE", row.get("status"));
        assertEquals(0L, ((Number) row.get("raws")).longValue(), "no content stored");
        assertTrue(((Number) row.get("size_bytes")).longValue() > ItStack.MAX_MESSAGE_BYTES);
        assertTrue(((String) row.get("error")).contains("mailer.poll.max-message-size"));
        // left unread on the server, so a person notices it in the mailbox
        assertFalse(Mailbox.withSubject(stack, subject).orElseThrow().getFlags().contains(Flags.Flag.SEEN));

        assertEquals(200, Http.admin(stack).post("/api/ops/poll").status());
        assertEquals(1, db.count("select count(*) from mail_message where message_id = ?", messageId));
    }

    @Test
    void metricsCountWhatWasStored() {
        String subject = Mails.unique("Metrik");
        Mails.send(stack.mail().smtpPort(), Mails.plain("m@sender.example", subject, "x"));
        Waits.until(
                Duration.ofSeconds(30),
                "stored",
                () -> !db.mailsWithSubject(subject).isEmpty());
        String metrics = Http.get(stack.baseUrl() + "/metrics").body();
        assertTrue(Http.metric(metrics, "emails_stored_total", "") >= 1, metrics);
        assertTrue(Http.metric(metrics, "emails_fetched_total", "") >= 1);
        assertEquals(1.0, Http.metric(metrics, "imap_connected", ""));
        assertTrue(Http.metric(metrics, "imap_last_success_timestamp_seconds", "") > 1.7e9);
        assertTrue(Http.metric(metrics, "imap_poll_seconds_count", "") >= 1);
        assertTrue(metrics.contains("emails_failed_total{mp_scope=\"application\",reason=\"parse_error\""));
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
