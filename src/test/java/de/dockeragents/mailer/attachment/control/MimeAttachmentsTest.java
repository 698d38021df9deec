package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.dockeragents.mailer.attachment.Mails;
import de.dockeragents.mailer.attachment.Samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MimeAttachmentsTest {

    @TempDir
    Path dir;

    /** What the sink saw, with the content and permissions read while the work file still existed. */
    record Seen(MimeAttachments.Found found, byte[] content, String permissions) {

        static Seen of(MimeAttachments.Found f) throws IOException {
            return f.file() == null
                    ? new Seen(f, null, null)
                    : new Seen(
                            f,
                            Files.readAllBytes(f.file()),
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file())));
        }
    }

    @Test
    void findsAttachmentsAndForwardedOnesWithNamesAndHashes() throws Exception {
        byte[] inner =
                Mails.with().attachment("bild.png", "image/png", Samples.png()).build();
        byte[] raw = Mails.with()
                .attachment("Überweisung März.pdf", "application/pdf", Samples.pdf())
                .attachment("winmail.dat", "application/ms-tnef", new byte[] {0x78, (byte) 0x9f, 0x3e, 0x22, 1, 2})
                .forwarded(inner)
                .build();

        List<Seen> seen = run(raw, 50_000_000, 50);

        assertEquals(3, seen.size());
        Seen pdf = seen.get(0);
        assertEquals("2", pdf.found().partPath());
        assertEquals("Überweisung März.pdf", pdf.found().rawName());
        assertEquals("application/pdf", pdf.found().declaredType());
        assertArrayEquals(Samples.pdf(), pdf.content());
        assertEquals(sha256(Samples.pdf()), pdf.found().sha256());
        assertEquals((long) Samples.pdf().length, pdf.found().size());
        assertEquals("winmail.dat", seen.get(1).found().rawName());
        Seen png = seen.get(2);
        assertEquals("4.2", png.found().partPath());
        assertEquals("bild.png", png.found().rawName());
        assertArrayEquals(Samples.png(), png.content());
        // the owner and its group (the backup service) may read it, nobody else
        assertEquals("rw-r-----", pdf.permissions());
        assertStagingEmpty();
    }

    @Test
    void aPartOverTheCapIsCutOffWithoutAFile() throws Exception {
        byte[] big = new byte[5000];
        byte[] raw = Mails.with()
                .attachment("gross.pdf", "application/pdf", big)
                .attachment("klein.pdf", "application/pdf", Samples.pdf())
                .build();

        List<Seen> seen = run(raw, 1000, 50);

        assertNull(seen.get(0).found().file());
        assertNull(seen.get(0).content());
        assertEquals(
                "larger than the size cap of 1000 bytes", seen.get(0).found().problem());
        assertArrayEquals(Samples.pdf(), seen.get(1).content());
        assertStagingEmpty();
    }

    @Test
    void partsBeyondTheCountAreReportedNotWritten() throws Exception {
        Mails mail = Mails.with();
        for (int i = 0; i < 4; i++) {
            mail.attachment("a" + i + ".pdf", "application/pdf", Samples.pdf());
        }
        List<Seen> seen = run(mail.build(), 1000, 3);
        assertEquals(4, seen.size());
        assertTrue(seen.get(3).found().problem().startsWith("more than 3 attachments"));
        assertNull(seen.get(3).content());
    }

    @Test
    void aMailWithoutAttachmentsHasNone() throws Exception {
        String raw = "From: a@example.org\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        assertEquals(0, run(raw.getBytes(StandardCharsets.US_ASCII), 1000, 3).size());
    }

    @Test
    void theLenientWalkFindsWhatTheStrictWalkFindsInWellFormedMail() throws Exception {
        byte[] inner =
                Mails.with().attachment("bild.png", "image/png", Samples.png()).build();
        byte[] raw = Mails.with()
                .attachment("Überweisung März.pdf", "application/pdf", Samples.pdf())
                .attachment("winmail.dat", "application/ms-tnef", new byte[] {0x78, (byte) 0x9f, 0x3e, 0x22, 1, 2})
                .forwarded(inner)
                .build();
        List<Seen> strict = run(raw, 1_000_000, 10);
        List<Seen> lenient = runLeniently(raw, 1_000_000, 10);
        assertEquals(3, strict.size());
        assertEquals(strict.size(), lenient.size());
        for (int i = 0; i < strict.size(); i++) {
            MimeAttachments.Found s = strict.get(i).found();
            MimeAttachments.Found l = lenient.get(i).found();
            assertEquals(s.partPath(), l.partPath());
            assertEquals(s.rawName(), l.rawName());
            assertEquals(s.declaredType(), l.declaredType());
            assertEquals(s.sha256(), l.sha256());
            assertArrayEquals(strict.get(i).content(), lenient.get(i).content());
        }
        assertStagingEmpty();
    }

    @Test
    void anAttachmentBesideABrokenAlternativeIsRecoveredLeniently() throws Exception {
        byte[] raw = corpus("nested-alternative-missing-start-boundary.eml");
        org.junit.jupiter.api.Assertions.assertThrows(
                MessagingException.class,
                () -> run(raw, 1_000_000, 10),
                "the strict walk refuses it, so the pipeline walks it again");
        List<Seen> seen = runLeniently(raw, 1_000_000, 10);
        assertEquals(1, seen.size());
        assertEquals("2", seen.get(0).found().partPath());
        assertEquals("Impfpass.pdf", seen.get(0).found().rawName());
        assertEquals("application/pdf", seen.get(0).found().declaredType());
        assertArrayEquals(
                "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                seen.get(0).content());
        assertStagingEmpty();
    }

    @Test
    void aTruncatedAttachmentIsReportedWithoutAFile() throws Exception {
        List<Seen> seen = runLeniently(corpus("truncated-inside-base64-attachment.eml"), 1_000_000, 10);
        assertEquals(1, seen.size());
        MimeAttachments.Found f = seen.get(0).found();
        assertEquals("2", f.partPath());
        assertEquals("Befund.pdf", f.rawName());
        assertNull(f.file());
        assertTrue(f.problem().contains("transfer encoding is damaged"), f.problem());
        assertStagingEmpty();
    }

    @Test
    void theLenientWalkStillRefusesNestingDeeperThanAnyoneSends() throws Exception {
        org.junit.jupiter.api.Assertions.assertThrows(
                MessagingException.class,
                () -> runLeniently(corpus("nested-deeper-than-anyone-sends.eml"), 1_000_000, 10));
    }

    private static byte[] corpus(String name) throws IOException {
        try (var in = MimeAttachmentsTest.class.getResourceAsStream("/mime/malformed/" + name)) {
            return in.readAllBytes();
        }
    }

    private List<Seen> runLeniently(byte[] raw, long maxSize, int maxCount) throws IOException, MessagingException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Path message = dir.resolve("mail.eml");
        Files.write(message, raw);
        List<Seen> seen = new ArrayList<>();
        int n = new MimeAttachments(staging, maxSize, maxCount).eachLeniently(message, f -> seen.add(Seen.of(f)));
        assertEquals(seen.size(), n);
        return seen;
    }

    private List<Seen> run(byte[] raw, long maxSize, int maxCount) throws IOException, MessagingException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Path message = dir.resolve("mail.eml");
        Files.write(message, raw);
        List<Seen> seen = new ArrayList<>();
        int n = new MimeAttachments(staging, maxSize, maxCount).each(message, f -> seen.add(Seen.of(f)));
        assertEquals(seen.size(), n);
        return seen;
    }

    private void assertStagingEmpty() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("staging"))) {
            assertEquals(List.of(), files.toList(), "work files left behind");
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
