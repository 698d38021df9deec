package it.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.ToIntBiFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a free loopback port (the JDK's HTTP server): records every POST with its
 * path, headers and body and answers with the status {@link #answer} picks from the event id and how often
 * that id arrived before.
 */
final class Receiver implements AutoCloseable {

    /** One POST as it arrived, and what it was answered. */
    record Request(String path, String id, String type, String signature, String body, int status) {}

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile ToIntBiFunction<String, Integer> answer = (id, before) -> 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    String url() {
        return url("/webhook/mailer-events");
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** {@code (event id, earlier requests with that id) -> status}. */
    void answer(ToIntBiFunction<String, Integer> rule) {
        this.answer = rule;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> of(String id) {
        return requests.stream().filter(r -> id.equals(r.id())).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x;
                InputStream in = x.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = x.getRequestHeaders().getFirst("X-Mailer-Event-Id");
            int status;
            synchronized (this) {
                int before = (int) requests.stream()
                        .filter(r -> r.id() != null && r.id().equals(id))
                        .count();
                status = answer.applyAsInt(id, before);
                requests.add(new Request(
                        x.getRequestURI().getPath(),
                        id,
                        x.getRequestHeaders().getFirst("X-Mailer-Event-Type"),
                        x.getRequestHeaders().getFirst("X-Mailer-Signature"),
                        body,
                        status));
            }
            x.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
