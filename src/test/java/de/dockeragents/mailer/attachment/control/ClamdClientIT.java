package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.LocalClamd;

import de.dockeragents.mailer.attachment.Samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The INSTREAM client against a real clamd. */
class ClamdClientIT {

    static final long STREAM_MAX = 1024 * 1024;

    @TempDir
    static Path dir;

    static LocalClamd clamd;

    @BeforeAll
    static void start() throws IOException {
        clamd = LocalClamd.start(dir.resolve("clamd"), STREAM_MAX);
    }

    @AfterAll
    static void stop() {
        clamd.close();
    }

    @Test
    void pingAnswers() {
        assertTrue(clamd.client(Duration.ofSeconds(5)).ping());
    }

    @Test
    void cleanFileIsClean() throws IOException {
        assertEquals(ScanResult.clean(), clamd.client(Duration.ofSeconds(30)).scan(file("clean.bin", Samples.pdf())));
    }

    @Test
    void eicarIsFoundAcrossChunks() throws IOException {
        // EICAR after 100 kB of padding, so the signature straddles no single 64 kB chunk boundary by luck
        byte[] padded = new byte[100_000 + Samples.eicar().length];
        System.arraycopy(Samples.eicar(), 0, padded, 100_000, Samples.eicar().length);
        ScanResult r = clamd.client(Duration.ofSeconds(30)).scan(file("eicar.bin", padded));
        assertEquals(ScanResult.Verdict.INFECTED, r.verdict());
        assertTrue(r.signature().startsWith(LocalClamd.SIGNATURE), r.signature());
    }

    @Test
    void aFileOverStreamMaxLengthIsAnErrorNotClean() throws IOException {
        Path big = file("big.bin", new byte[(int) STREAM_MAX + 1]);
        // configured correctly, the client does not even send it
        assertEquals(
                ScanResult.Verdict.ERROR,
                clamd.client(Duration.ofSeconds(30)).scan(big).verdict());
        // misconfigured (client limit above clamd's), clamd cuts the stream and says why
        ClamdClient misconfigured = new ClamdClient(
                "127.0.0.1", clamd.port(), Duration.ofSeconds(5), Duration.ofSeconds(30), 10 * STREAM_MAX);
        ScanResult r = misconfigured.scan(big);
        assertEquals(ScanResult.Verdict.ERROR, r.verdict());
        assertTrue(r.detail().contains("size limit"), r.detail());
    }

    @Test
    void aClosedPortIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ClamdClient nobody =
                new ClamdClient("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofSeconds(2), STREAM_MAX);
        assertFalse(nobody.ping());
        assertThrows(ClamdUnavailable.class, () -> nobody.scan(file("x.bin", Samples.pdf())));
    }

    @Test
    void aSilentServerTimesOutAsUnavailable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    return null;
                }
            });
            ClamdClient slow = new ClamdClient(
                    "127.0.0.1", silent.getLocalPort(), Duration.ofSeconds(2), Duration.ofMillis(300), STREAM_MAX);
            long start = System.nanoTime();
            assertThrows(ClamdUnavailable.class, () -> slow.scan(file("y.bin", Samples.pdf())));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
            Socket s = accepted.get();
            if (s != null) {
                s.close();
            }
        }
    }

    private static Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
