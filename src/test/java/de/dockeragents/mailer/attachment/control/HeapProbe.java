package de.dockeragents.mailer.attachment.control;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;

import org.postgresql.ds.PGSimpleDataSource;

import de.dockeragents.mailer.attachment.entity.AttachmentRow;

/**
 * Runs in a JVM with a small heap (see {@link LargeAttachmentIT}): writes a mail with a 45 MB and a
 * 60 MB attachment to disk and puts it through the whole pipeline. Prints {@code key=value} lines.
 */
public final class HeapProbe {

    static final long MB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int clamdPort = Integer.parseInt(args[1]);
        int pgPort = Integer.parseInt(args[2]);
        long mailId = Long.parseLong(args[3]);
        OffsetDateTime received = OffsetDateTime.parse(args[4]);

        Path mail = dir.resolve("large.eml");
        String sha45 = writeMail(mail, 45 * MB, 60 * MB);
        System.out.println("mailBytes=" + Files.size(mail));

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        ds.setUser("postgres");
        Attachments attachments =
                new Attachments(AttachmentPipelineIT.settings(dir, clamdPort), ds, new AttachmentMetrics(null));
        long start = System.nanoTime();
        AttachmentPipeline.Summary s;
        try (InputStream in = Files.newInputStream(mail)) {
            s = attachments.pipeline().process(mailId, received, in);
        }
        System.out.println("seconds=" + (System.nanoTime() - start) / 1e9);
        System.out.println("error=" + s.error());
        for (AttachmentRow r : s.rows()) {
            System.out.println("row=" + r.fileName() + "|" + r.outcome() + "|" + r.scanStatus() + "|" + r.sizeBytes()
                    + "|" + (sha45.equals(r.sha256()) ? "sha-ok" : "sha-" + r.sha256()) + "|" + r.reason());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
        System.out.println("peakHeapBytes=" + peak);
    }

    /** Streams a mail with two base64 attachments of the given sizes to disk; returns the first's SHA-256. */
    static String writeMail(Path file, long first, long second) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            out.write(("From: a@example.org\r\nTo: b@example.org\r\nSubject: large\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\n"
                            + "see attached\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            part(out, "scan.pdf", first, sha);
            part(out, "huge.pdf", second, null);
            out.write("--XX--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void part(OutputStream out, String name, long size, MessageDigest sha) throws IOException {
        out.write(("--XX\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        OutputStream b64 = Base64.getMimeEncoder().wrap(new NonClosing(out));
        byte[] block = new byte[64 * 1024];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < size; ) {
            int n = (int) Math.min(block.length, size - written);
            for (int i = 0; i < n; i++) {
                block[i] = (byte) ('a' + (written + i) % 23);
            }
            if (written == 0) {
                System.arraycopy(head, 0, block, 0, head.length);
            }
            b64.write(block, 0, n);
            if (sha != null) {
                sha.update(block, 0, n);
            }
            written += n;
        }
        b64.close();
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
