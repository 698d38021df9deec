package de.dockeragents.mailer.attachment.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.dockeragents.mailer.attachment.Mails;
import de.dockeragents.mailer.attachment.Samples;
import jakarta.mail.MessagingException;

class MimeAttachmentsTest {

    @TempDir
    Path dir;

    /** What the sink saw, with the content and permissions read while the work file still existed. */
    record Seen(MimeAttachments.Found found, byte[] content, String permissions) {
    }

    @Test
    void findsAttachmentsAndForwardedOnesWithNamesAndHashes() throws Exception {
        byte[] inner = Mails.with().attachment("bild.png", "image/png", Samples.png()).build();
        byte[] raw = Mails.with()
                .attachment("Überweisung März.pdf", "application/pdf", Samples.pdf())
                .attachment("winmail.dat", "application/ms-tnef", new byte[] { 0x78, (byte) 0x9f, 0x3e, 0x22, 1, 2 })
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
        byte[] raw = Mails.with().attachment("gross.pdf", "application/pdf", big)
                .attachment("klein.pdf", "application/pdf", Samples.pdf()).build();

        List<Seen> seen = run(raw, 1000, 50);

        assertNull(seen.get(0).found().file());
        assertNull(seen.get(0).content());
        assertEquals("larger than the size cap of 1000 bytes", seen.get(0).found().problem());
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

    private List<Seen> run(byte[] raw, long maxSize, int maxCount) throws IOException, MessagingException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Path message = dir.resolve("mail.eml");
        Files.write(message, raw);
        List<Seen> seen = new ArrayList<>();
        int n = new MimeAttachments(staging, maxSize, maxCount).each(message,
                f -> seen.add(new Seen(f, f.file() == null ? null : Files.readAllBytes(f.file()),
                        f.file() == null ? null : PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file())))));
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
