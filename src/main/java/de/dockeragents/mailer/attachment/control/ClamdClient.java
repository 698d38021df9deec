package de.dockeragents.mailer.attachment.control;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * clamd's TCP protocol: {@code zINSTREAM} with length-prefixed chunks and a zero-length end, and
 * {@code zPING}. One connection per command; replies end with NUL. A file longer than clamd's
 * {@code StreamMaxLength} is not sent at all (clamd would cut it and answer with an error), it is
 * reported as an error: unscanned is never clean.
 */
public final class ClamdClient {

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_REPLY = 4096;
    /** Health checks and the up gauge ping often; they must not hang for a whole scan timeout. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long streamMaxLength;

    public ClamdClient(String host, int port, Duration connectTimeout, Duration readTimeout, long streamMaxLength) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.streamMaxLength = streamMaxLength;
    }

    public boolean ping() {
        try {
            Duration limit = connectTimeout.compareTo(PING_TIMEOUT) < 0 ? connectTimeout : PING_TIMEOUT;
            return "PONG".equals(command("zPING", null, limit, limit));
        } catch (IOException e) {
            return false;
        }
    }

    public ScanResult scan(Path file) throws IOException {
        long size = Files.size(file);
        if (size > streamMaxLength) {
            return ScanResult.error("larger than clamd's StreamMaxLength (" + streamMaxLength + " bytes), not scanned");
        }
        String reply;
        try (InputStream in = Files.newInputStream(file)) {
            reply = command("zINSTREAM", in, connectTimeout, readTimeout);
        }
        return parse(reply);
    }

    static ScanResult parse(String reply) {
        // "stream: OK", "stream: Eicar-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
        String body = reply.startsWith("stream: ") ? reply.substring("stream: ".length()) : reply;
        if (body.equals("OK")) {
            return ScanResult.clean();
        }
        if (body.endsWith(" FOUND")) {
            return ScanResult.infected(
                    body.substring(0, body.length() - " FOUND".length()).strip());
        }
        return ScanResult.error(body.isEmpty() ? "empty reply" : body);
    }

    private String command(String name, InputStream data, Duration connect, Duration read) throws ClamdUnavailable {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis(connect));
            socket.setSoTimeout(millis(read));
            socket.setTcpNoDelay(true);
            OutputStream raw = socket.getOutputStream();
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, CHUNK + 8));
            out.write((name + "\0").getBytes(StandardCharsets.US_ASCII));
            if (data != null) {
                try {
                    stream(data, out);
                } catch (IOException e) {
                    // clamd closes the connection when a limit is hit; its reply says which
                    String reply = readReply(socket.getInputStream());
                    if (!reply.isEmpty()) {
                        return reply;
                    }
                    throw e;
                }
            }
            out.flush();
            String reply = readReply(socket.getInputStream());
            if (reply.isEmpty()) {
                throw new java.io.EOFException("connection closed without a reply");
            }
            return reply;
        } catch (IOException e) {
            throw new ClamdUnavailable(
                    "clamd at " + host + ":" + port + " did not answer: "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    private static void stream(InputStream data, DataOutputStream out) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = data.readNBytes(buffer, 0, CHUNK)) > 0) {
            out.writeInt(n);
            out.write(buffer, 0, n);
        }
        out.writeInt(0);
    }

    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0 && reply.size() < MAX_REPLY) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    public String endpoint() {
        return host + ":" + port;
    }
}
