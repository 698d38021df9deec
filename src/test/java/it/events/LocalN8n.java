package it.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.DevStack;
import dev.Waits;

/**
 * n8n as an operator runs it, installed from npm by {@code test/n8n/install.sh} (outside the clone,
 * cached between runs), started on a free loopback port with a home directory of its own; workflows
 * and credentials imported with its CLI before it starts (the repository's template for
 * {@link N8nIT}, the IMAP → Postgres workflow for {@code bench.N8nPeer}).
 */
public final class LocalN8n implements AutoCloseable {

    /** The installation: {@code -Dn8n.home}, else the install script's default. */
    public static Path home() {
        return Path.of(
                System.getProperty("n8n.home", System.getProperty("user.home") + "/.cache/docker-agents/n8n-1.123.50"));
    }

    public static boolean installed() {
        return Files.isExecutable(home().resolve("node_modules/.bin/n8n"));
    }

    private final Path work;
    private final int port = DevStack.port(0);
    private final Map<String, String> env = new HashMap<>();
    private Process process;

    public LocalN8n(Path work, Map<String, String> extraEnv) {
        this.work = work;
        env.put("N8N_USER_FOLDER", work.resolve("home").toString());
        env.put("N8N_PORT", String.valueOf(port));
        env.put("N8N_LISTEN_ADDRESS", "127.0.0.1");
        env.put("N8N_HOST", "127.0.0.1");
        env.put("N8N_ENCRYPTION_KEY", UUID.randomUUID().toString());
        env.put("N8N_DIAGNOSTICS_ENABLED", "false");
        env.put("N8N_VERSION_NOTIFICATIONS_ENABLED", "false");
        env.put("N8N_PERSONALIZATION_ENABLED", "false");
        env.put("N8N_SECURE_COOKIE", "false");
        env.put("N8N_HIRING_BANNER_ENABLED", "false");
        // what the template needs (docs/events.md)
        env.put("NODE_FUNCTION_ALLOW_BUILTIN", "crypto,fs");
        env.put("N8N_BLOCK_ENV_ACCESS_IN_NODE", "false");
        env.putAll(extraEnv);
    }

    String webhookUrl() {
        return url("/webhook/mailer-events");
    }

    /** This n8n's address for a path, e.g. {@code /rest/login}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Path log() {
        return work.resolve("n8n.log");
    }

    /** Imports and activates the template, starts n8n and waits until its webhook answers. */
    LocalN8n start(Path workflow, Duration within) {
        importWorkflow(workflow);
        cli("update:workflow", "--id=mailerEvents0001", "--active=true");
        // unsigned: the template refuses it, which shows the workflow is active
        return start(within, "n8n's webhook answers", () -> post(webhookUrl(), "{}", null) == 401);
    }

    /** Imports a workflow file with n8n's CLI (before {@link #start}); active if the file says so. */
    public LocalN8n importWorkflow(Path file) {
        cli("import:workflow", "--input=" + file.toAbsolutePath());
        return this;
    }

    /** Imports a credentials file with n8n's CLI (before {@link #start}); n8n encrypts clear {@code data}. */
    public LocalN8n importCredentials(Path file) {
        cli("import:credentials", "--input=" + file.toAbsolutePath());
        return this;
    }

    /** Starts n8n and waits until {@code ready} holds (a failing look counts as not yet). */
    public LocalN8n start(Duration within, String what, java.util.function.BooleanSupplier ready) {
        try {
            process = builder(List.of("start")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Waits.until(within, what + " (log: " + log() + ")", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("n8n exited; see " + log());
            }
            try {
                return ready.getAsBoolean();
            } catch (RuntimeException e) {
                return false;
            }
        });
        return this;
    }

    /** One n8n CLI command before the start (its output goes to the log). */
    public void cli(String... args) {
        try {
            Files.createDirectories(work.resolve("home"));
            run(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String... args) throws IOException {
        Process p = builder(List.of(args)).start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("n8n " + String.join(" ", args) + " failed; see " + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder builder(List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(home().resolve("node_modules/.bin/n8n").toString());
        command.addAll(args);
        ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile());
        b.environment().putAll(env);
        b.redirectErrorStream(true);
        b.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        return b;
    }

    @Override
    public void close() {
        if (process != null) {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A JSON POST as the mailer sends it, with this signature header (none if null); the status. */
    public static int post(String url, String body, String signature) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Mailer-Signature", signature);
        }
        try {
            // HTTP/1.1 as the mailer's WebhookClient: the JDK's default HTTP/2 asks a plain-HTTP server to
            // upgrade (h2c), and n8n hands such a request to its websocket handler, which never answers it
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(r.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
