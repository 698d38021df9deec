package it.review;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import it.support.Http;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding and reading mail on the running mailer: a clean attachment downloads with safe headers,
 * a quarantined, pending or refused one never (with the reason in the mail's listing), nothing
 * outside the attachment store can be reached; search finds mail by subject, text, sender and
 * attachment name, with umlaut and ß variants and English stems, combined with the filters.
 */
class FindAndReadIT {

    static DevStack stack;
    static Seeded seeded;
    static Http.Login staff;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        seeded = new Seeded(stack);
        staff = Http.staff(stack);
    }

    static JsonObject json(Http.Response r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    static String file(long mailId, long attachmentId) {
        return "/api/mails/" + mailId + "/attachments/" + attachmentId;
    }

    @Test
    void aCleanAttachmentDownloadsAsAFileWithSafeHeaders() {
        Seeded.Mail m = seeded.withText("Befund " + Seeded.tag(), "Anbei der Befund.", "results_question", "normal");
        String content = "Befund vom Labor " + Seeded.tag();
        long id = seeded.attachment(
                m.mailId(),
                "Befund Müller \"Juni\".pdf",
                "application/pdf",
                "STORED",
                "clean",
                null,
                content.getBytes(StandardCharsets.UTF_8));
        // HTML as an attachment stays a download of an opaque type, never a page of our origin
        long html = seeded.attachment(
                m.mailId(),
                "seite.html",
                "text/html",
                "STORED",
                "clean",
                null,
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));

        Http.Response r = staff.get(file(m.mailId(), id));
        assertEquals(200, r.status(), r.body());
        assertEquals(content, r.body());
        assertEquals("application/pdf", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals(
                "attachment; filename=\"Befund M_ller _Juni_.pdf\"; filename*=UTF-8''Befund%20M%C3%BCller%20%22Juni%22.pdf",
                r.header("Content-Disposition"));
        assertEquals("no-store", r.header("Cache-Control"));

        Http.Response h = staff.get(file(m.mailId(), html));
        assertEquals(200, h.status());
        assertEquals("application/octet-stream", h.header("Content-Type"));
        assertTrue(h.header("Content-Disposition").startsWith("attachment;"), h.header("Content-Disposition"));

        // the listing shows both as downloadable, with their sizes
        JsonObject a = json(staff.get("/api/mails/" + m.mailId()))
                .getJsonArray("attachments")
                .getJsonObject(0);
        assertEquals(id, a.getJsonNumber("id").longValue());
        assertTrue(a.getBoolean("downloadable"));
        assertEquals(
                content.getBytes(StandardCharsets.UTF_8).length,
                a.getJsonNumber("sizeBytes").longValue());

        // only logged-in staff
        assertEquals(401, Http.get(stack.baseUrl() + file(m.mailId(), id)).status());
        assertEquals(
                401,
                Http.get(stack.baseUrl() + file(m.mailId(), id), DevStack.REVIEW_STAFF, "wrong")
                        .status());
    }

    @Test
    void quarantinedPendingAndRefusedAttachmentsAreNeverHandedOut() {
        Seeded.Mail m = seeded.withText("Rechnung " + Seeded.tag(), "Anbei.", "other", "normal");
        String virus = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        long infected = seeded.attachment(
                m.mailId(),
                "rechnung.pdf",
                "application/pdf",
                "QUARANTINED",
                "infected",
                null,
                virus.getBytes(StandardCharsets.US_ASCII));
        long unscannable = seeded.attachment(
                m.mailId(),
                "gross.zip",
                "application/zip",
                "QUARANTINED",
                "error",
                "clamd could not scan it: INSTREAM size limit exceeded",
                new byte[] {1, 2, 3});
        long rejected = seeded.attachment(
                m.mailId(),
                "makro.docm",
                "application/vnd.ms-word.document.macroEnabled.12",
                "REJECTED",
                "clean",
                "macro-enabled Office file",
                new byte[0]);

        Http.Response r = staff.get(file(m.mailId(), infected));
        assertEquals(403, r.status());
        assertFalse(r.body().contains("EICAR-STANDARD"), "no byte of the file");
        assertTrue(json(r).getString("detail").contains("infected (Eicar-Test-Signature)"), r.body());
        Http.Response e = staff.get(file(m.mailId(), unscannable));
        assertEquals(403, e.status());
        assertTrue(json(e).getString("detail").contains("size limit"), e.body());
        Http.Response x = staff.get(file(m.mailId(), rejected));
        assertEquals(403, x.status());
        assertTrue(json(x).getString("detail").contains("macro-enabled"), x.body());

        // the mail's listing says why, and offers none of them
        var listed = json(staff.get("/api/mails/" + m.mailId())).getJsonArray("attachments");
        assertEquals(3, listed.size());
        for (int i = 0; i < listed.size(); i++) {
            JsonObject a = listed.getJsonObject(i);
            assertFalse(a.getBoolean("downloadable"), a.toString());
            assertFalse(a.getString("refusal").isBlank(), a.toString());
        }
    }

    @Test
    void anAttachmentWaitingForItsScanIsNotHandedOutYet() throws Exception {
        Seeded.Mail m = seeded.withText("Scan " + Seeded.tag(), "Anbei.", "other", "normal");
        long pending = seeded.attachment(
                m.mailId(), "scan.pdf", "application/pdf", "PENDING", "pending", null, new byte[] {4, 5});
        // the running mailer's retry timer scans pending files every two seconds: a row lock holds
        // its verdict back while the download is asked for (the timer's UPDATE waits for it)
        try (java.sql.Connection c =
                stack.postgres().connect(DevStack.DB_NAME, DevStack.DB_USER, DevStack.DB_PASSWORD)) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("select outcome from attachment where id = ? for update")) {
                ps.setLong(1, pending);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    org.junit.jupiter.api.Assumptions.assumeTrue(
                            "PENDING".equals(rs.getString(1)), "the timer settled it before the lock");
                }
            }
            Http.Response p = staff.get(file(m.mailId(), pending));
            assertEquals(409, p.status(), p.body());
            assertTrue(json(p).getString("detail").contains("not scanned"), p.body());
            JsonObject a = json(staff.get("/api/mails/" + m.mailId()))
                    .getJsonArray("attachments")
                    .getJsonObject(0);
            assertFalse(a.getBoolean("downloadable"));
            assertEquals("not scanned for viruses yet", a.getString("refusal"));
            c.rollback();
        }
    }

    @Test
    void noPathLeavesTheAttachmentStore() {
        Seeded.Mail m = seeded.withText("Pfad " + Seeded.tag(), "Anbei.", "other", "normal");
        Seeded.Mail other = seeded.withText("Fremd " + Seeded.tag(), "Anbei.", "other", "normal");
        long own = seeded.attachment(
                m.mailId(), "ok.txt", "text/plain", "STORED", "clean", null, "ok".getBytes(StandardCharsets.UTF_8));
        // a row whose path was tampered with to point outside the store: never followed
        long tampered = seeded.rawAttachment(
                m.mailId(), "passwd", "text/plain", "STORED", "clean", null, "../../../../../../../../etc/passwd", 10);
        Http.Response t = staff.get(file(m.mailId(), tampered));
        assertEquals(410, t.status(), t.body());
        assertFalse(t.body().contains("root:"), t.body());

        // an attachment is only found under its own mail
        assertEquals(404, staff.get(file(other.mailId(), own)).status());
        // names, dot segments and encoded slashes in the URL are no ids
        for (String path : List.of(
                file(m.mailId(), own).replace("/" + own, "/ok.txt"),
                "/api/mails/" + m.mailId() + "/attachments/..%2F..%2F..%2Fetc%2Fpasswd",
                "/api/mails/" + m.mailId() + "/attachments/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/mails/" + m.mailId() + "/attachments/-1",
                "/api/mails/" + m.mailId() + "/attachments/" + own + "%00.txt")) {
            Http.Response r = staff.get(path);
            assertTrue(r.status() == 400 || r.status() == 404, path + " -> " + r.status() + " " + r.body());
            assertFalse(r.body().contains("root:"), path);
        }
        assertEquals(200, staff.get(file(m.mailId(), own)).status());
    }

    static List<Long> found(String query) {
        return found(query, "");
    }

    static List<Long> found(String query, String filters) {
        Http.Response r = staff.get(
                "/api/mails?limit=200&q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8) + filters);
        assertEquals(200, r.status(), r.body());
        JsonObject page = json(r);
        List<Long> ids = page.getJsonArray("items").stream()
                .map(v -> v.asJsonObject())
                .peek(o -> assertEquals("search", o.getString("group")))
                .map(o -> o.getJsonNumber("id").longValue())
                .toList();
        assertEquals(ids.size(), page.getJsonNumber("total").longValue(), r.body());
        return ids;
    }

    @Test
    void searchFindsUmlautAndSharpSVariantsAndEnglishStems() {
        // a token of this test alone, so the shared stack's other mail never matches
        String tag = "zq" + Seeded.tag();
        Seeded.Mail m = seeded.withText(
                "Überweisung zum Facharzt " + tag,
                "Guten Tag, wir wohnen in der Straße am Markt. Please find the invoices attached.",
                "results_question",
                "high");
        List<Long> hit = List.of(m.mailId());
        for (String q : List.of(
                "Überweisung",
                "ueberweisung",
                "uberweisung",
                "UEBERWEISUNG",
                "Überweisungen",
                "strasse",
                "STRASSE",
                "Straße",
                "invoice",
                "invoices",
                "facharzt")) {
            assertEquals(hit, found(q + " " + tag), q);
        }
        // misses: a word the mail does not hold, or excluded
        assertEquals(List.of(), found("Rechnung " + tag));
        assertEquals(List.of(), found("ueberweisung -strasse " + tag));
        assertEquals(List.of(), found("ueberweisung zq" + Seeded.tag()));
    }

    @Test
    void searchFindsTheSenderAndAttachmentNames() {
        String tag = "zq" + Seeded.tag();
        Seeded.Mail m = seeded.withText("Unterlagen " + tag, "Anbei die Unterlagen.", "other", "normal");
        assertEquals(List.of(m.mailId()), found(m.sender()));
        assertEquals(
                List.of(m.mailId()), found(m.sender().substring(0, m.sender().indexOf('@'))));

        // a real mail through the mail server, its attachment read and scanned by the running mailer;
        // a token only the attachment's name holds (sent RFC 2231-encoded, as mail programs send an umlaut)
        String fileTag = "zq" + Seeded.tag();
        String subject = it.support.Mails.unique("Ohne Worte");
        jakarta.mail.internet.MimeMessage mail =
                it.support.Mails.withPdf("kunde@patient.example", subject, "Siehe Anhang.", 2_000, 7);
        try {
            var part = ((jakarta.mail.Multipart) mail.getContent()).getBodyPart(1);
            part.setFileName("Überweisungsschein_" + fileTag + ".pdf");
            mail.saveChanges();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        it.support.Mails.send(stack.mail().smtpPort(), mail);
        List<Long> hits = dev.Waits.until(
                java.time.Duration.ofSeconds(60),
                "the mail stored, its attachment read, its name found",
                () -> found(fileTag),
                h -> !h.isEmpty());
        long mailId = ((Number) new it.support.Db(stack)
                        .mailsWithSubject(subject)
                        .get(0)
                        .get("id"))
                .longValue();
        assertEquals(List.of(mailId), hits);
        assertEquals(List.of(mailId), found(fileTag));
        assertEquals(List.of(mailId), found("ueberweisungsschein " + fileTag));
        assertEquals(List.of(), found("pdf " + fileTag), "not by the extension");
    }

    @Test
    void searchCombinesWithTheFilters() {
        String tag = "zq" + Seeded.tag();
        Seeded.Mail urgent = seeded.withText("Rückruf " + tag, "Bitte um Rückruf.", "emergency", "urgent");
        Seeded.Mail normal = seeded.withText("Rückruf " + tag, "Bitte um Rückruf.", "other", "normal");
        assertEquals(List.of(normal.mailId(), urgent.mailId()), found("ruckruf " + tag), "newest first");
        assertEquals(List.of(urgent.mailId()), found("rueckruf " + tag, "&priority=urgent"));
        assertEquals(List.of(normal.mailId()), found("Rückruf " + tag, "&category=other"));
        assertEquals(List.of(), found("Rückruf " + tag, "&status=DRAFT"));

        // bad input is named
        Http.Response tooLong = staff.get("/api/mails?q=" + "a".repeat(201));
        assertEquals(400, tooLong.status());
        assertEquals("q", json(tooLong).getString("field"));
        // odd syntax is no error: it is searched as words
        assertEquals(
                200,
                staff.get("/api/mails?q=" + java.net.URLEncoder.encode("\"(&|!:* -", StandardCharsets.UTF_8))
                        .status());
    }

    @Test
    void theConversationHoldsTheThreadAndOurReplies() {
        String tag = Seeded.tag();
        it.support.Db db = new it.support.Db(stack);
        java.time.OffsetDateTime t0 = java.time.OffsetDateTime.now().minusHours(3);
        Seeded.Mail first = seeded.mail("Frage " + tag, "results_question", "normal", true, t0, "ai_draft", "SENT");
        Seeded.Mail answer =
                seeded.mail("Re: Frage " + tag, "results_question", "normal", true, t0.plusHours(2), null, null);
        Seeded.Mail second =
                seeded.mail("Nachtrag " + tag, "results_question", "normal", true, t0.plusHours(1), null, null);
        Seeded.Mail unrelated = seeded.mail("Anderes " + tag, "other", "normal", true, t0, null, null);
        String firstId = (String) db.rows("select message_id from mail_message where id = ?", first.mailId())
                .get(0)
                .get("message_id");
        String ourId = (String) db.rows("select message_id from outbound_mail where id = ?", first.outboundId())
                .get(0)
                .get("message_id");
        db.rows(
                "update outbound_mail set sent_at = ? where id = ? returning id",
                t0.plusMinutes(30),
                first.outboundId());
        // the patient answers our reply (In-Reply-To: our Message-ID), and wrote once more before that
        db.rows(
                "update mail_message set in_reply_to = ?, references_hdr = ? where id = ? returning id",
                ourId,
                firstId + " " + ourId,
                answer.mailId());
        db.rows(
                "update mail_message set in_reply_to = ?, references_hdr = ? where id = ? returning id",
                firstId,
                firstId,
                second.mailId());

        for (long from : List.of(first.mailId(), answer.mailId(), second.mailId())) {
            Http.Response r = staff.get("/api/mails/" + from + "/thread");
            assertEquals(200, r.status(), r.body());
            var entries = Json.createReader(new StringReader(r.body())).readArray();
            List<String> seen = entries.stream()
                    .map(v -> v.asJsonObject())
                    .map(e -> e.getString("direction") + ":"
                            + (e.getString("direction").equals("out")
                                    ? e.getJsonNumber("outboundId").longValue()
                                    : e.getJsonNumber("mailId").longValue()))
                    .toList();
            assertEquals(
                    List.of(
                            "in:" + first.mailId(),
                            "out:" + first.outboundId(),
                            "in:" + second.mailId(),
                            "in:" + answer.mailId()),
                    seen,
                    "from mail " + from);
            JsonObject ours = entries.getJsonObject(1);
            assertEquals("SENT", ours.getString("status"));
            assertTrue(ours.getString("text").contains("wir rufen Sie zurück"), ours.toString());
        }
        var alone = Json.createReader(new StringReader(staff.get("/api/mails/" + unrelated.mailId() + "/thread")
                        .body()))
                .readArray();
        assertEquals(1, alone.size());
        assertEquals(404, staff.get("/api/mails/999999999/thread").status());
    }
}
