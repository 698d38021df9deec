package it.review;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data protection against the running mailer and its PostgreSQL (docs/data-protection.md): a request to be
 * forgotten erases every mail naming one address with all that refers to it (raw message, verdict, reply plan,
 * replies, Drafts-copy records, webhook events, attachment rows and files, the audit's links), cancels the replies
 * not sent yet, and leaves another address's mail and a look-alike address alone; it is previewed first, refuses
 * bad input with the field at fault, is recorded without the address in clear text, and a run cut short is
 * completed by running it again. Mail retention (the stack keeps 3650 days) deletes the old and keeps the young.
 */
class PrivacyIT {

    /** Marks the webhook events this test writes: the shared mailer has events off and must hold none after it. */
    static final String MARK = "privacy-it";

    static DevStack stack;
    static Seeded seeded;
    static Db db;
    static Http.Login admin;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        seeded = new Seeded(stack);
        db = new Db(stack);
        admin = Http.page(stack.baseUrl(), DevStack.REVIEW_ADMIN, DevStack.REVIEW_ADMIN_PASSWORD);
    }

    @AfterAll
    static void noEventsLeft() {
        db.rows(
                "with d as (delete from event_outbox where body like ? returning 1) select count(*) from d",
                "%\"test\":\"" + MARK + "\"%");
    }

    static JsonObject json(Http.Response r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    static String body(String address, boolean confirm) {
        return Json.createObjectBuilder()
                .add("address", address)
                .add("confirm", confirm)
                .build()
                .toString();
    }

    /** A mail of this address with a draft reply, raw message, an attachment file, an audit entry and an event. */
    record Full(long mailId, long outboundId, Path file) {}

    static Full full(String subject, OffsetDateTime received) {
        Seeded.Mail m = seeded.mail(subject, "results_question", "normal", true, received, "ai_draft", "DRAFT");
        db.rows(
                "insert into mail_raw (mail_id, raw) values (?, ?) returning mail_id",
                m.mailId(),
                ("Subject: " + subject + "\r\n\r\nhallo").getBytes(StandardCharsets.UTF_8));
        seeded.attachment(
                m.mailId(), "befund.pdf", "application/pdf", "STORED", "clean", null, "%PDF-1.4 x".getBytes());
        String relative = db.rows("select path from attachment where mail_id = ?", m.mailId())
                .get(0)
                .get("path")
                .toString();
        db.rows(
                "insert into review_audit (actor, action, mail_id, outbound_id, detail) values ('staff', 'reject', ?, ?,"
                        + " 'test') returning id",
                m.mailId(),
                m.outboundId());
        db.rows(
                "insert into event_outbox (id, type, body) values (?::uuid, 'email.received', ?) returning id",
                UUID.randomUUID().toString(),
                "{\"type\":\"email.received\",\"test\":\"" + MARK + "\",\"data\":{\"mail_id\":" + m.mailId() + "}}");
        return new Full(m.mailId(), m.outboundId(), Path.of(stack.env().get("MAILER_ATTACHMENT_ROOT"), relative));
    }

    static final long ALL = 9;

    static String senderOf(long mailId) {
        String from = (String) db.rows("select from_addr from mail_message where id = ?", mailId)
                .get(0)
                .get("from_addr");
        return from.substring(from.indexOf('<') + 1, from.indexOf('>'));
    }

    /** Rows anywhere that still refer to the mail or its reply: {@link #ALL} for a mail {@link #full} made. */
    static long left(Full f) {
        return db.count(
                ("select (select count(*) from mail_message where id = ?1) + (select count(*) from mail_raw where mail_id = ?1)"
                                + " + (select count(*) from classification where mail_id = ?1)"
                                + " + (select count(*) from reply_plan where mail_id = ?1)"
                                + " + (select count(*) from attachment where mail_id = ?1)"
                                + " + (select count(*) from outbound_mail where id = ?2 or mail_id = ?1)"
                                + " + (select count(*) from draft_copy where outbound_id = ?2)"
                                + " + (select count(*) from review_audit where mail_id = ?1 or outbound_id = ?2)"
                                + " + (select count(*) from event_outbox where body like '%\"mail_id\":' || ?1 || '}%')")
                        .replace("?1", String.valueOf(f.mailId()))
                        .replace("?2", String.valueOf(f.outboundId())));
    }

    @Test
    void forgettingErasesEverythingOfOneAddressAndNothingOfAnother() throws Exception {
        String tag = Seeded.tag();
        Full first = full("Befund " + tag, null);
        String address = senderOf(first.mailId());
        // a second mail from the address, and one that names it only in Cc
        Full second = full("Rezept " + tag, null);
        db.rows("update mail_message set from_addr = ? where id = ? returning id", address, second.mailId());
        Full cc = full("Termin " + tag, null);
        db.rows(
                "update mail_message set cc_addrs = ? where id = ? returning id",
                "Frau X <" + address.toUpperCase(Locale.ROOT) + ">",
                cc.mailId());
        // another person, and a look-alike address that contains the first one
        Full other = full("Anderes " + tag, null);
        Full lookAlike = full("Ähnlich " + tag, null);
        db.rows("update mail_message set from_addr = ? where id = ? returning id", "jo" + address, lookAlike.mailId());
        assertTrue(Files.exists(first.file()));

        // bad input, each with its field
        for (String bad : List.of("", "kein-address", address + ", b@example.de", "<" + address + ">")) {
            Http.Response r = admin.post("/api/privacy/preview", body(bad, false));
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertEquals("address", json(r).getString("field"));
        }
        Http.Response noConfirm = admin.post("/api/privacy/forget", body(address, false));
        assertEquals(400, noConfirm.status(), noConfirm.body());
        assertEquals("confirm", json(noConfirm).getString("field"));
        assertEquals(400, admin.post("/api/privacy/forget", "[1]").status());
        Http.Login staff = Http.page(stack.baseUrl(), DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD);
        assertEquals(
                403, staff.post("/api/privacy/preview", body(address, false)).status());
        assertEquals(ALL, left(first), "nothing erased by refused requests");

        Http.Response preview = admin.post("/api/privacy/preview", body(address.toUpperCase(Locale.ROOT), false));
        assertEquals(200, preview.status(), preview.body());
        JsonObject p = json(preview);
        assertEquals(3, p.getInt("mails"));
        assertEquals(3, p.getInt("attachments"));
        assertEquals(3, p.getInt("outbound"));
        assertEquals(3, p.getInt("unsent"));
        assertEquals(ALL, left(first), "a preview erases nothing");

        Http.Response forgot = admin.post("/api/privacy/forget", body(address, true));
        assertEquals(200, forgot.status(), forgot.body());
        JsonObject done = json(forgot);
        assertEquals(3, done.getInt("mails"));
        assertEquals(3, done.getInt("attachments"));
        assertEquals(3, done.getInt("outbound"));
        assertEquals(3, done.getInt("unsent"));

        for (Full f : List.of(first, second, cc)) {
            assertEquals(0, left(f), "everything of mail " + f.mailId() + " erased");
            assertFalse(Files.exists(f.file()), "attachment file deleted");
        }
        for (Full f : List.of(other, lookAlike)) {
            assertEquals(ALL, left(f), "another address's mail untouched");
            assertTrue(Files.exists(f.file()));
        }
        // the audit keeps who decided, without the link
        assertTrue(db.count("select count(*) from review_audit where detail = 'test' and actor = 'staff'"
                        + " and mail_id is null and outbound_id is null")
                >= 3);

        // recorded, without the address in clear text (neither in the table nor in the API)
        String key = p.getString("addressKey");
        List<java.util.Map<String, Object>> record = db.rows(
                "select row_to_json(e)::text as row, finished_at from privacy_erasure e where address_key like ?",
                key + "%");
        assertEquals(1, record.size());
        assertNotNull(record.get(0).get("finished_at"));
        String stored = record.get(0).get("row").toString().toLowerCase(Locale.ROOT);
        assertFalse(stored.contains(address.toLowerCase(Locale.ROOT)), stored);
        assertFalse(stored.contains(address.substring(0, address.indexOf('@'))), stored);
        assertTrue(stored.contains("\"mails\":3"), stored);
        Http.Response list = admin.get("/api/privacy/erasures");
        assertEquals(200, list.status());
        assertTrue(list.body().contains(key), list.body());
        assertFalse(list.body().toLowerCase(Locale.ROOT).contains(address.toLowerCase(Locale.ROOT)));

        // asked again: nothing left, nothing else touched
        JsonObject again = json(admin.post("/api/privacy/forget", body(address, true)));
        assertEquals(0, again.getInt("mails"));
        assertEquals(ALL, left(other));
    }

    @Test
    void aRunCutShortIsCompletedByRunningItAgain() throws Exception {
        Full f = full("Abgebrochen " + Seeded.tag(), null);
        String address = senderOf(f.mailId());
        // what a run that died after the files, replies and verdicts (before the mail rows) leaves behind
        Files.delete(f.file());
        db.rows("delete from outbound_mail where id = ? returning id", f.outboundId());
        db.rows("delete from classification where mail_id = ? returning mail_id", f.mailId());
        db.rows("insert into privacy_erasure (address_key, actor) values (repeat('a', 64), 'admin') returning id");

        Http.Response r = admin.post("/api/privacy/forget", body(address, true));

        assertEquals(200, r.status(), r.body());
        assertEquals(1, json(r).getInt("mails"));
        assertEquals(0, left(f));
    }

    @Test
    void retentionDeletesOldMailWithAllItsRecordsAndKeepsYoungMail() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        Full old = full("Alt " + Seeded.tag(), now.minusYears(11));
        Full young = full("Jung " + Seeded.tag(), now.minusYears(9));
        // a sent reply whose mail is long gone
        Object unlinked = db.rows(
                        "insert into outbound_mail (id, kind, status, recipient, recipient_key, subject, body,"
                                + " language, message_id, auto_submitted, created_at, sent_at) values (nextval('outbound_mail_seq'),"
                                + " 'template_auto', 'SENT', 'x@patient.example', repeat('b', 64), 's', 'b', 'de', ?, true,"
                                + " now() - interval '11 years', now() - interval '11 years') returning id",
                        "<old-" + UUID.randomUUID() + "@mailer.test>")
                .get(0)
                .get("id");
        String metrics = Http.get(stack.baseUrl() + "/metrics").body();
        double before = Http.metric(metrics, "mailer_retention_deleted_total", "what=\"mail\"");

        Http.Response r = admin.post("/api/ops/retention");

        assertEquals(200, r.status(), r.body());
        JsonObject done = json(r);
        assertTrue(done.getInt("mails") >= 1, r.body());
        assertTrue(done.getInt("outbound") >= 2, r.body());
        assertEquals(0, left(old));
        assertFalse(Files.exists(old.file()));
        assertEquals(0, db.count("select count(*) from outbound_mail where id = ?", unlinked));
        assertEquals(ALL, left(young));
        assertTrue(Files.exists(young.file()));
        double after = Http.metric(
                Http.get(stack.baseUrl() + "/metrics").body(), "mailer_retention_deleted_total", "what=\"mail\"");
        assertTrue(after >= before + 1, before + " -> " + after);
    }
}
