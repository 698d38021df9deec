package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.LocalClamd;

import de.dockeragents.mailer.testing.Database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 45 MB attachment is stored and a 60 MB one rejected, by the whole pipeline in a JVM whose heap
 * is smaller than either: proof that nothing holds an attachment in memory.
 */
class LargeAttachmentIT {

    static final String HEAP = "-Xmx32m";

    @TempDir
    Path dir;

    @Test
    void largeAttachmentsStreamThroughASmallHeap() throws Exception {
        OffsetDateTime received = OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);
        try (LocalClamd clamd = LocalClamd.start(dir.resolve("clamd"), 50L * 1024 * 1024);
                Database db = new Database()) {
            long mail = db.insertMail(received, null, 2);
            List<String> out = runProbe(List.of(
                    dir.toString(),
                    String.valueOf(clamd.port()),
                    String.valueOf(db.port()),
                    String.valueOf(mail),
                    received.toString()));

            assertTrue(out.contains("error=null"), out.toString());
            assertTrue(out.contains("row=scan.pdf|STORED|CLEAN|" + 45 * HeapProbe.MB + "|sha-ok|null"), out.toString());
            assertTrue(
                    out.contains("row=huge.pdf|REJECTED|SKIPPED|null|sha-null|larger than the size cap of "
                            + 50 * HeapProbe.MB + " bytes"),
                    out.toString());
            long peak = value(out, "peakHeapBytes");
            assertTrue(peak < 45 * HeapProbe.MB, "peak heap " + peak);
            Path stored = dir.resolve("attachments/2026/11/" + mail + "/scan.pdf");
            assertEquals(45 * HeapProbe.MB, Files.size(stored));
            System.out.println("LargeAttachmentIT: " + HEAP + ", peak heap " + peak / (1024 * 1024) + " MB, "
                    + out.stream()
                            .filter(l -> l.startsWith("seconds=") || l.startsWith("mailBytes="))
                            .toList());
        }
    }

    private List<String> runProbe(List<String> args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                HeapProbe.class.getName()));
        command.addAll(args);
        Path log = dir.resolve("probe.out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not finish in 5 minutes");
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }

    private static long value(List<String> lines, String key) {
        return lines.stream()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> Long.parseLong(l.substring(key.length() + 1)))
                .findFirst()
                .orElseThrow();
    }
}
