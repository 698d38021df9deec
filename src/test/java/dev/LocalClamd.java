package dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import de.dockeragents.mailer.attachment.control.ClamdClient;

/**
 * A real clamd for tests: Debian's {@code clamav-daemon}, started in the foreground on a free
 * loopback port with its own configuration and a private signature database that detects the
 * EICAR test file (freshclam cannot download anything here). Restartable on the same port, to
 * test what happens while it is down.
 */
public final class LocalClamd implements AutoCloseable {

    public static final String CLAMD = System.getProperty("clamd.binary", "/usr/sbin/clamd");
    /** The EICAR anti-virus test file: harmless, detected by every scanner. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public static final String SIGNATURE = "Local.EICAR-Test";

    private final Path dir;
    private final int port;
    private final long streamMaxLength;
    private Process process;

    private LocalClamd(Path dir, int port, long streamMaxLength) {
        this.dir = dir;
        this.port = port;
        this.streamMaxLength = streamMaxLength;
    }

    /** Starts clamd with its files under {@code dir}; waits until it answers PING. */
    public static LocalClamd start(Path dir, long streamMaxLength) throws IOException {
        return start(dir, streamMaxLength, freePort());
    }

    /** As {@link #start(Path, long)}, on a port chosen by the caller. */
    public static LocalClamd start(Path dir, long streamMaxLength, int port) throws IOException {
        if (!Files.isExecutable(Path.of(CLAMD))) {
            throw new IllegalStateException(CLAMD + " is missing: apt-get install -y clamav-daemon");
        }
        Files.createDirectories(dir.resolve("db"));
        // clamd refuses to start without signatures: one .ndb line matching the EICAR string anywhere
        String hex = HexFormat.of().formatHex("EICAR-STANDARD-ANTIVIRUS-TEST-FILE".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("db/local.ndb"), SIGNATURE + ":0:*:" + hex + "\n");
        LocalClamd clamd = new LocalClamd(dir, port, streamMaxLength);
        clamd.restart();
        return clamd;
    }

    public void restart() throws IOException {
        Files.writeString(
                dir.resolve("clamd.conf"),
                String.join(
                        "\n",
                        "Foreground yes",
                        "TCPAddr 127.0.0.1",
                        "TCPSocket " + port,
                        "DatabaseDirectory " + dir.resolve("db"),
                        "LogFile " + dir.resolve("clamd.log"),
                        "LogFileMaxSize 10M",
                        "PidFile " + dir.resolve("clamd.pid"),
                        "TemporaryDirectory " + Files.createDirectories(dir.resolve("tmp")),
                        "StreamMaxLength " + streamMaxLength,
                        "MaxFileSize " + Math.max(streamMaxLength, 1024 * 1024),
                        "MaxScanSize " + Math.max(streamMaxLength, 1024 * 1024),
                        "SelfCheck 3600",
                        ""));
        process = new ProcessBuilder(CLAMD, "-c", dir.resolve("clamd.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("clamd.out").toFile())
                .start();
        ClamdClient probe = client(Duration.ofSeconds(1));
        Process started = process;
        Waits.until(Duration.ofSeconds(30), "clamd did not answer PING, see " + dir.resolve("clamd.log"), () -> {
            if (!started.isAlive()) {
                throw new IllegalStateException(
                        "clamd exited with " + started.exitValue() + ", see " + dir.resolve("clamd.out"));
            }
            return probe.ping();
        });
    }

    /** Stops clamd and waits until the port refuses connections. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public int port() {
        return port;
    }

    public ClamdClient client(Duration timeout) {
        return new ClamdClient("127.0.0.1", port, timeout, timeout, streamMaxLength);
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
