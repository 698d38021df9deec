package it.attachment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.LocalClamd;
import dev.Waits;
import it.support.ItStack;
import it.support.Mails;

import de.dockeragents.mailer.attachment.Samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attachments of mail that arrived over real SMTP and was fetched over IMAP by the running mailer:
 * scanned by the real clamd the mailer was pointed at, then stored, quarantined or rejected.
 */
class AttachmentScanIT {

    static AttachmentStore store;

    @BeforeAll
    static void stack() {
        store = new AttachmentStore(ItStack.get());
    }

    @Test
    void eicarNamedLikeAPdfIsQuarantinedNeverStoredAndTheMailIsKeptAndTriaged() {
        String subject = Mails.unique("Befund infiziert");
        long id = store.deliver(
                subject, new AttachmentMail(subject).attach("befund.pdf", "application/pdf", Samples.eicar()));

        assertEquals("STORED", store.mail(id).get("status"), "the mail itself is kept");
        Map<String, Object> row = single(id);
        assertEquals("QUARANTINED", row.get("outcome"));
        assertEquals("infected", row.get("virus_scan_status"));
        assertTrue(
                ((String) row.get("signature")).startsWith(LocalClamd.SIGNATURE), "signature: " + row.get("signature"));
        assertNotNull(row.get("scanned_at"));
        assertNull(row.get("stored_at"));
        assertEquals(AttachmentStore.sha256(Samples.eicar()), row.get("sha256"));

        String path = (String) row.get("path");
        assertEquals(store.mailDir(id) + "/befund.pdf", path);
        Path quarantined = store.quarantine.resolve(path);
        assertTrue(Files.isRegularFile(quarantined), "in quarantine: " + quarantined);
        assertEquals(AttachmentStore.sha256(Samples.eicar()), AttachmentStore.sha256(quarantined));
        assertEquals(List.of(), AttachmentStore.files(store.root.resolve(store.mailDir(id))), "nothing in storage");
        assertEquals(
                List.of(), AttachmentStore.files(store.root.resolve(".pending").resolve(store.mailDir(id))));

        // one alert line, by id and signature, without the sender's address or the file name
        String alert = "attachment.infected: attachment " + row.get("id") + " of mail " + id + " (";
        Waits.until(
                AttachmentStore.PROCESSED,
                "the alert line",
                () -> store.messagesLog().contains(alert));
        String line = store.messagesLog()
                .lines()
                .filter(l -> l.contains(alert))
                .findFirst()
                .orElseThrow();
        assertFalse(line.contains("patient.example") || line.contains("befund"), line);

        // the flag staff and triage read, and the mail still goes through triage
        assertEquals(
                1,
                store.db.count(
                        "select count(*) from attachment where mail_id = ? and virus_scan_status = 'infected'", id));
        Waits.until(
                AttachmentStore.PROCESSED,
                "mail " + id + " is classified",
                () -> store.db.count("select count(*) from classification where mail_id = ?", id) == 1);
    }

    @Test
    void aCleanPdfIsStoredUnderYearMonthMailIdWithItsSha256() {
        String subject = Mails.unique("Befund sauber");
        byte[] pdf = Samples.pdf();
        long id = store.deliver(subject, new AttachmentMail(subject).attach("Befund März.pdf", "application/pdf", pdf));

        Map<String, Object> row = single(id);
        assertEquals("STORED", row.get("outcome"));
        assertEquals("clean", row.get("virus_scan_status"));
        assertEquals("application/pdf", row.get("detected_type"));
        assertEquals((long) pdf.length, ((Number) row.get("size_bytes")).longValue());
        assertEquals(AttachmentStore.sha256(pdf), row.get("sha256"));
        assertNotNull(row.get("stored_at"));
        assertNull(row.get("signature"));

        String expected = store.mailDir(id) + "/Befund März.pdf";
        assertEquals(expected, row.get("path"));
        Path file = store.root.resolve(expected);
        assertTrue(Files.isRegularFile(file), "stored: " + file);
        assertEquals(row.get("sha256"), AttachmentStore.sha256(file), "the file on disk is the one recorded");
        assertFalse(Files.exists(store.quarantine.resolve(expected)));
        assertEquals(
                List.of(), AttachmentStore.files(store.root.resolve(".pending").resolve(store.mailDir(id))));
    }

    @Test
    void contentThatDoesNotMatchItsExtensionOrIsNotAllowedIsRejectedWithAReasonAndNoFile() {
        String subject = Mails.unique("Rechnung falsch");
        long id = store.deliver(
                subject,
                new AttachmentMail(subject)
                        .attach("rechnung.pdf", "application/pdf", Samples.png())
                        .attach("tool.exe", "application/octet-stream", windowsExecutable())
                        .attach(
                                "rechnung.docx",
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                Samples.docx(true)));

        List<Map<String, Object>> rows = store.rows(id);
        assertEquals(3, rows.size(), rows.toString());
        for (Map<String, Object> row : rows) {
            assertEquals("REJECTED", row.get("outcome"), row.toString());
            assertEquals("clean", row.get("virus_scan_status"), "scanned before it was refused: " + row);
            assertNull(row.get("path"), row.toString());
        }
        assertEquals(
                "extension .pdf does not match the content (image/png)",
                rows.get(0).get("reason"));
        assertTrue(
                ((String) rows.get(1).get("reason")).contains("is not an allowed type"),
                rows.get(1).toString());
        assertEquals("Office document with macros is not allowed", rows.get(2).get("reason"));
        assertEquals(List.of(), AttachmentStore.files(store.root.resolve(store.mailDir(id))));
        assertEquals(List.of(), AttachmentStore.files(store.quarantine.resolve(store.mailDir(id))));
        assertEquals(
                List.of(), AttachmentStore.files(store.root.resolve(".pending").resolve(store.mailDir(id))));
    }

    @Test
    void hostileFileNamesBecomeSafeNamesInsideTheMailsDirectory() {
        String subject = Mails.unique("Namen");
        byte[] pdf = Samples.pdf();
        long id = store.deliver(
                subject,
                new AttachmentMail(subject)
                        .attach("../../etc/passwd", "application/pdf", pdf)
                        .attach("..\\..\\Windows\\System32\\CON.pdf", "application/pdf", pdf)
                        .attach("nul.PDF", "application/pdf", pdf)
                        .attach("bericht\u0000\u0007\r\n.pdf", "application/pdf", pdf)
                        .attach("rechnung\u202Efdp.exe.pdf", "application/pdf", pdf)
                        .attach("...", "application/pdf", pdf)
                        .attach("/passwd.pdf", "application/pdf", pdf));

        List<Map<String, Object>> rows = store.rows(id);
        assertEquals(7, rows.size(), rows.toString());
        String dir = store.mailDir(id);
        Set<String> names = rows.stream().map(r -> (String) r.get("file_name")).collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "passwd.pdf",
                        "_CON.pdf",
                        "_nul.PDF",
                        "bericht.pdf",
                        "rechnungfdp.exe.pdf",
                        "attachment.pdf",
                        "passwd (2).pdf"),
                names,
                rows.toString());
        for (Map<String, Object> row : rows) {
            String name = (String) row.get("file_name");
            assertEquals("STORED", row.get("outcome"), row.toString());
            assertEquals(dir + "/" + name, row.get("path"));
            assertTrue(
                    name.codePoints().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x202e || c == '/' || c == '\\'),
                    "no control or path characters: " + name);
        }
        List<String> expected = names.stream().map(n -> dir + "/" + n).sorted().toList();
        assertEquals(
                expected,
                AttachmentStore.files(store.root).stream()
                        .filter(f -> f.startsWith(dir + "/"))
                        .toList());
        // nothing escaped its directory: every stored file of every mail sits at yyyy/mm/<id>/<name>
        // (beside the work directories and the daily cleanup's mark)
        for (String f : AttachmentStore.files(store.root)) {
            assertTrue(
                    f.matches("\\d{4}/\\d{2}/\\d+/[^/]+")
                            || f.startsWith(".staging/")
                            || f.startsWith(".pending/")
                            || f.equals(".last-cleanup"),
                    f);
        }
        assertFalse(Files.exists(store.root.resolve("etc")));
        assertFalse(Files.exists(store.root.getParent().resolve("etc")));
        // the name as sent is kept for display, without its control characters
        assertTrue(rows.stream().anyMatch(r -> "../../etc/passwd".equals(r.get("original_name"))));
        assertTrue(rows.stream().anyMatch(r -> "bericht.pdf".equals(r.get("original_name"))), rows.toString());
    }

    @Test
    void anAttachmentOverTheSizeCapIsRejectedWithoutAFileWhileTheRestOfTheMailIsKept() {
        String subject = Mails.unique("Groß und klein");
        byte[] pdf = Samples.pdf();
        byte[] big = new byte[(int) ItStack.MAX_ATTACHMENT_BYTES + 50_000];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        long id = store.deliver(
                subject,
                new AttachmentMail(subject)
                        .attach("scan-gross.pdf", "application/pdf", big)
                        .attach("scan-klein.pdf", "application/pdf", pdf));

        assertEquals("STORED", store.mail(id).get("status"));
        List<Map<String, Object>> rows = store.rows(id);
        assertEquals(2, rows.size(), rows.toString());
        Map<String, Object> tooBig = rows.get(0);
        assertEquals("REJECTED", tooBig.get("outcome"));
        assertEquals("skipped", tooBig.get("virus_scan_status"));
        assertEquals("larger than the size cap of " + ItStack.MAX_ATTACHMENT_BYTES + " bytes", tooBig.get("reason"));
        assertNull(tooBig.get("path"));
        assertNull(tooBig.get("sha256"));
        assertEquals("STORED", rows.get(1).get("outcome"));
        assertEquals(
                List.of(store.mailDir(id) + "/scan-klein.pdf"),
                AttachmentStore.files(store.root).stream()
                        .filter(f -> f.startsWith(store.mailDir(id) + "/"))
                        .toList());
        assertEquals(List.of(), AttachmentStore.files(store.quarantine.resolve(store.mailDir(id))));
    }

    @Test
    void attachmentsOfAForwardedMessageAreScannedAndFiledUnderTheOuterMail() {
        String subject = Mails.unique("Weitergeleitet");
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(Samples.pdf());
        String eicar = java.util.Base64.getMimeEncoder().encodeToString(Samples.eicar());
        String raw = "From: praxis.kollege@patient.example\r\nTo: " + dev.DevStack.MAILBOX + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@patient.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nzur Kenntnis\r\n"
                + "--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n"
                + "From: labor@patient.example\r\nSubject: Laborwerte\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain\r\n\r\nanbei\r\n"
                + "--inner\r\nContent-Type: application/pdf; name=\"labor.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"labor.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n"
                + "--inner\r\nContent-Type: application/pdf; name=\"labor2.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"labor2.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + eicar + "\r\n--inner--\r\n"
                + "--outer--\r\n";
        Mails.sendRaw(store.stack.mail().smtpPort(), raw.getBytes(StandardCharsets.US_ASCII));
        long id = store.mailId(subject);
        Waits.until(
                AttachmentStore.PROCESSED,
                "the forwarded message's attachments are recorded",
                () -> store.db.count(
                                "select count(*) from attachment_extraction where mail_id = ? and state = 'DONE'", id)
                        == 1);

        List<Map<String, Object>> rows = store.rows(id);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("2.2", rows.get(0).get("part_path"));
        assertEquals("STORED", rows.get(0).get("outcome"));
        assertEquals("2.3", rows.get(1).get("part_path"));
        assertEquals("infected", rows.get(1).get("virus_scan_status"));
        assertEquals(
                List.of(store.mailDir(id) + "/labor.pdf"),
                AttachmentStore.files(store.root).stream()
                        .filter(f -> f.startsWith(store.mailDir(id) + "/"))
                        .toList());
        assertTrue(Files.isRegularFile(store.quarantine.resolve(store.mailDir(id) + "/labor2.pdf")));
    }

    @Test
    void aMailOverTheMailCapIsRecordedButItsAttachmentsAreNeverExtracted() throws Exception {
        String subject = Mails.unique("Zu gross fuer das Postfach");
        jakarta.mail.internet.MimeMessage big =
                Mails.withAttachments("gross@patient.example", subject, "anbei", 1, (int) ItStack.MAX_MESSAGE_BYTES);
        String messageId = big.getMessageID();
        Mails.send(store.stack.mail().smtpPort(), big);
        Map<String, Object> mail = Waits.until(
                        AttachmentStore.PROCESSED,
                        "the oversized mail is recorded",
                        () -> store.db.rows("select * from mail_message where message_id = ?", messageId),
                        r -> !r.isEmpty())
                .get(0);
        assertEquals("TOO_LARGE", mail.get("status"));
        long id = ((Number) mail.get("id")).longValue();
        // a later poll and the catch-up timer must not pick it up either: it has no raw message to read
        assertEquals(
                200, it.support.Http.admin(store.stack).post("/api/ops/poll").status());
        assertEquals(0, store.db.count("select count(*) from attachment where mail_id = ?", id));
        assertEquals(0, store.db.count("select count(*) from attachment_extraction where mail_id = ?", id));
    }

    private static Map<String, Object> single(long mailId) {
        List<Map<String, Object>> rows = store.rows(mailId);
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    private static byte[] windowsExecutable() {
        byte[] exe = new byte[512];
        byte[] head = "MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, exe, 0, head.length);
        return exe;
    }
}
