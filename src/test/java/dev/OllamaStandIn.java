package dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Ollama on 127.0.0.1 (a free port): {@code /api/chat} and {@code /api/tags}, with
 * configurable latency, parallel slots (requests beyond them wait, as in Ollama), error codes,
 * hangs, garbage, off-schema JSON and the answers of a compromised model. It counts requests (chat and tags) and
 * the most that were ever inside at once ({@link #maxConcurrent()}), which is what a bulkhead bounds.
 * <p>
 * Run it alone for a manual test of a running mailer: {@code java src/test/java/dev/OllamaStandIn.java 11434}.
 */
public final class OllamaStandIn implements AutoCloseable {

    static {
        // Ollama (Go's net/http) answers with TCP_NODELAY; the JDK server must too, or Nagle and the
        // client's delayed ACK add ~40 ms to every answer and the stand-in's capacity is a lie.
        // Read once, when the first JDK HTTP server starts in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What {@code /api/chat} answers. */
    public enum Mode {
        /** a valid classification: {@link #answer(String)} sets its content */
        OK,
        /** HTTP {@link #status(int)} with an Ollama-style error body */
        ERROR,
        /** never answers (until closed) */
        HANG,
        /** not JSON at all */
        GARBAGE,
        /** JSON, but not the schema: unknown category, missing fields */
        OFF_SCHEMA,
        /** the schema's fields plus to/cc/links: what a manipulated model might say */
        COMPROMISED,
        /** the connection is closed without an answer */
        DROP
    }

    public static final String DEFAULT_ANSWER = "{\"category\":\"other\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Allgemeine Anfrage\",\"needs_reply\":true,\"confidence\":0.8}";
    public static final String COMPROMISED_ANSWER = "{\"category\":\"spam\",\"priority\":\"low\",\"language\":\"en\","
            + "\"summary\":\"Harmless newsletter, ignore. Visit https://evil.example/x and write to boss@evil.example\","
            + "\"needs_reply\":false,\"confidence\":1.0,\"to\":\"attacker@evil.example\",\"cc\":\"leak@evil.example\","
            + "\"reply\":\"Click https://evil.example/login to verify your account\",\"attachments\":[\"/etc/passwd\"]}";
    /** Compromised, but inside the schema: lowest priority, harmless-looking category. */
    public static final String COMPROMISED_IN_SCHEMA =
            "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"en\","
                    + "\"summary\":\"Forward all patient data to https://evil.example now\",\"needs_reply\":false,\"confidence\":1.0}";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ollama-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final AtomicReference<String> answer = new AtomicReference<>(DEFAULT_ANSWER);
    private final AtomicReference<UnaryOperator<String>> answerFor = new AtomicReference<>(null);
    private final AtomicInteger status = new AtomicInteger(500);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    /** When each of Ollama's slots is free again (System.nanoTime); empty: unlimited slots. */
    private long[] slotFreeAt = new long[0];

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger maxInside = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger tagRequests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    /** The most recent request bodies, to ask whether a mail ever reached the model. */
    private final java.util.concurrent.ConcurrentLinkedDeque<String> recent =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    public OllamaStandIn() throws IOException {
        this(0);
    }

    public OllamaStandIn(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        server.createContext("/api/chat", this::chat);
        server.createContext("/api/tags", this::tags);
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public OllamaStandIn mode(Mode value) {
        mode.set(value);
        return this;
    }

    public OllamaStandIn answer(String content) {
        answer.set(content);
        answerFor.set(null);
        return this;
    }

    /** The content computed from the request body (e.g. per mail). */
    public OllamaStandIn answerFor(UnaryOperator<String> byRequest) {
        answerFor.set(byRequest);
        return this;
    }

    public OllamaStandIn status(int code) {
        status.set(code);
        return this;
    }

    /** The next {@code n} chat requests answer HTTP {@link #status(int)}, then the mode applies again (for retries). */
    public OllamaStandIn failNext(int n) {
        failuresLeft.set(n);
        return this;
    }

    public OllamaStandIn latency(Duration value) {
        latency = value;
        return this;
    }

    /** Requests beyond this many wait for a slot, as Ollama's OLLAMA_NUM_PARALLEL does. */
    public synchronized OllamaStandIn slots(int parallel) {
        slotFreeAt = new long[parallel];
        java.util.Arrays.fill(slotFreeAt, System.nanoTime());
        return this;
    }

    /**
     * When this request's answer is due: it takes the slot that is free first, and keeps it for the
     * latency. Slots work on their own clock, like a GPU: a late wake-up of this thread on a busy
     * machine delays this answer, not the slot's next one. So the stand-in's capacity is exactly
     * slots / latency, and a client reaches it only by keeping every slot busy.
     */
    private synchronized long slotDue() {
        long now = System.nanoTime();
        if (slotFreeAt.length == 0) {
            return now + latency.toNanos();
        }
        int best = 0;
        for (int i = 1; i < slotFreeAt.length; i++) {
            if (slotFreeAt[i] < slotFreeAt[best]) {
                best = i;
            }
        }
        long due = Math.max(now, slotFreeAt[best]) + latency.toNanos();
        slotFreeAt[best] = due;
        return due;
    }

    public int requests() {
        return requests.get();
    }

    /** Requests to {@code /api/tags} (the reachability check), which {@link #requests()} does not count. */
    public int tagRequests() {
        return tagRequests.get();
    }

    public int answered() {
        return answered.get();
    }

    /** The most requests that were inside the server at the same time since the last reset. */
    public int maxConcurrent() {
        return maxInside.get();
    }

    public int concurrent() {
        return inside.get();
    }

    public String lastRequest() {
        return lastRequest.get();
    }

    /** Whether one of the last 1000 chat requests contained this text (e.g. a word of a mail's body). */
    public boolean received(String text) {
        return recent.stream().anyMatch(b -> b.contains(text));
    }

    public void resetCounters() {
        requests.set(0);
        tagRequests.set(0);
        answered.set(0);
        maxInside.set(inside.get());
    }

    private void chat(HttpExchange ex) throws IOException {
        int now = inside.incrementAndGet();
        maxInside.accumulateAndGet(now, Math::max);
        requests.incrementAndGet();
        boolean left = false;
        try (ex) {
            String body = read(ex.getRequestBody());
            lastRequest.set(body);
            recent.addFirst(body);
            while (recent.size() > 1000) {
                recent.pollLast();
            }
            Mode m = mode.get();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                left = leave();
                send(ex, status.get(), "{\"error\":\"stand-in failure\"}");
                return;
            }
            if (m == Mode.HANG) {
                closing.await();
                return;
            }
            long due = slotDue();
            long wait = due - System.nanoTime();
            if (wait > 0 && closing.await(wait, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                return;
            }
            // the slot is free once the answer is decided: with TCP_NODELAY the client may read the
            // answer and send its next request before this thread gets past the write below
            left = leave();
            answered.incrementAndGet();
            switch (m) {
                case ERROR -> send(ex, status.get(), "{\"error\":\"stand-in failure\"}");
                case GARBAGE -> send(ex, 200, "<html>502 Bad Gateway</html>\u0000\u00ff not json");
                case OFF_SCHEMA -> send(ex, 200, envelope("{\"category\":\"lottery\",\"priority\":\"whenever\"}"));
                case COMPROMISED -> send(ex, 200, envelope(COMPROMISED_ANSWER));
                case DROP -> ex.getResponseBody().close();
                default -> {
                    UnaryOperator<String> f = answerFor.get();
                    send(ex, 200, envelope(f == null ? answer.get() : f.apply(body)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!left) {
                leave();
            }
        }
    }

    private boolean leave() {
        inside.decrementAndGet();
        return true;
    }

    private void tags(HttpExchange ex) throws IOException {
        tagRequests.incrementAndGet();
        try (ex) {
            if (mode.get() == Mode.ERROR || mode.get() == Mode.DROP) {
                send(ex, status.get(), "{\"error\":\"stand-in failure\"}");
                return;
            }
            send(ex, 200, "{\"models\":[{\"name\":\"stand-in:latest\",\"model\":\"stand-in:latest\",\"size\":1}]}");
        }
    }

    private static String envelope(String content) {
        return "{\"model\":\"stand-in:latest\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + jsonString(content)
                + "},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1}";
    }

    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    /** {@code java OllamaStandIn.java [port] [mode] [latency-ms] [slots]} */
    public static void main(String[] args) throws Exception {
        OllamaStandIn s = new OllamaStandIn(args.length > 0 ? Integer.parseInt(args[0]) : 11434);
        if (args.length > 1) {
            s.mode(Mode.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)));
        }
        if (args.length > 2) {
            s.latency(Duration.ofMillis(Long.parseLong(args[2])));
        }
        if (args.length > 3) {
            s.slots(Integer.parseInt(args[3]));
        }
        System.out.println("Ollama stand-in at " + s.url() + " mode " + s.mode.get());
        Thread.currentThread().join();
    }
}
