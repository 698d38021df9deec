package e2e;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.DevStack;
import dev.LibertyServer;
import dev.LocalPostgres;
import dev.MailerAccount;
import dev.Waits;
import it.support.Db;
import it.support.Http;

/** One mailer of the stack: the build's Liberty server run with one profile, its own output directory and port. */
final class Mailer {

    private static final Pattern HELD = Pattern.compile("\"folder:INBOX\"\\s*:\\s*\"held\"");

    private final MailerAccount account;
    private final int httpPort;
    private final LibertyServer liberty;
    private final Db db;
    private final Path wlp;
    private final Path workDir;
    private final Map<String, String> env;
    private final LocalPostgres postgres;

    Mailer(
            MailerAccount account,
            int httpPort,
            Path wlp,
            Path workDir,
            Map<String, String> env,
            LocalPostgres postgres) {
        this.account = account;
        this.httpPort = httpPort;
        // one server definition (target/liberty/wlp/usr/servers/mailer), one WLP_OUTPUT_DIR per mailer
        this.liberty = new LibertyServer(wlp, "mailer", workDir.resolve("liberty"), env);
        this.db = new Db(postgres, account);
        this.wlp = wlp;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.postgres = postgres;
    }

    /**
     * One more instance of this mailer (docs/scaling.md): the same account, database, mailbox, secrets and
     * attachment directories, its own output directory, HTTP port and instance id. Not started.
     */
    Mailer twin(String suffix) {
        int http = DevStack.port(0);
        Map<String, String> e = new HashMap<>(env);
        e.put("HTTP_PORT", String.valueOf(http));
        e.put("HTTPS_PORT", String.valueOf(DevStack.port(0)));
        e.put("MAILER_INSTANCE_ID", name() + "-mailer-" + suffix);
        return new Mailer(
                account, http, wlp, workDir.resolveSibling(workDir.getFileName() + "-" + suffix), e, postgres);
    }

    /** Whether this instance holds its folder's lease (readiness check {@code lease}); false while it does not answer. */
    boolean holdsLease() {
        try {
            return HELD.matcher(Http.get(url() + "/health/ready").body()).find();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The mailbox passes ({@code pass:labels}, {@code pass:drafts}) this instance runs right now, by the lease rows
     * it holds; empty while it runs none or the database does not answer.
     */
    java.util.List<String> passesRunning() {
        try {
            return db
                    .rows(
                            "select name from lease where name like 'pass:%' and holder like ? and expires_at > now()"
                                    + " order by name",
                            env.get("MAILER_INSTANCE_ID") + "#%")
                    .stream()
                    .map(r -> (String) r.get("name"))
                    .toList();
        } catch (RuntimeException e) {
            return java.util.List.of();
        }
    }

    /** Whether it shows labels as label folders (Gmail's way, mailer.labels.mode=folders) rather than keywords. */
    boolean labelFolders() {
        return "folders".equals(env.get("MAILER_LABELS_MODE"));
    }

    boolean alive() {
        return liberty.process().map(Process::isAlive).orElse(false);
    }

    String name() {
        return account.profile();
    }

    MailerAccount account() {
        return account;
    }

    int httpPort() {
        return httpPort;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    LibertyServer liberty() {
        return liberty;
    }

    Db db() {
        return db;
    }

    void start() {
        liberty.start();
    }

    /** Waits for /health/ready; returns how long that took. Fails at once if the server exits. */
    Duration awaitReady(Duration within) {
        Instant start = Instant.now();
        Waits.until(within, name() + "-mailer ready (see " + liberty.logs() + ")", () -> {
            if (liberty.process().map(p -> !p.isAlive()).orElse(true)) {
                throw new IllegalStateException(name() + "-mailer exited with code "
                        + liberty.process().map(Process::exitValue).orElse(-1) + "; see " + liberty.logs());
            }
            return status("/health/ready") == 200;
        });
        return Duration.between(start, Instant.now());
    }

    int status(String path) {
        return Http.get(url() + path).status();
    }

    /** The status of one named health check in /health (UP, DOWN), empty while the server does not answer. */
    Optional<String> check(String name) {
        Http.Response r = Http.get(url() + "/health");
        if (r.status() != 200 && r.status() != 503) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> name.equals(c.getString("name")))
                    .map(c -> c.getString("status"))
                    .findFirst();
        }
    }

    String metrics() {
        return Http.get(url() + "/metrics").body();
    }

    void kill() {
        liberty.kill();
    }

    void stop() {
        liberty.stop();
    }

    /** The test tuning of src/test/java/it/support/ItStack, with room for outages as long as {@code outage}. */
    static Map<String, String> testEnv(Duration outage) {
        Map<String, String> env = new HashMap<>();
        env.put("MAILER_POLL_INTERVAL", "1s");
        env.put("MAILER_POLL_BATCH_SIZE", "50");
        env.put("MAILER_IMAP_AFTER_STORE", "seen");
        env.put("MAILER_IMAP_TIMEOUT", "5s");
        env.put("MAILER_HEALTH_IMAP_MAX_AGE", "30s");
        env.put("MAILER_STARTUP_GRACE", "60s");
        env.put("HEALTH_CHECK_INTERVAL", "1s");
        env.put("MAILER_ATTACHMENT_SCAN_RETRY_INTERVAL", "2s");
        env.put("MAILER_TRIAGE_SWEEP_INTERVAL", "1s");
        env.put("MAILER_OLLAMA_TIMEOUT_MS", "3000");
        env.put("MAILER_OLLAMA_READ_TIMEOUT_MS", "4000");
        env.put("MAILER_OLLAMA_RETRY_DELAY_MS", "200");
        env.put("MAILER_OLLAMA_RETRY_JITTER_MS", "100");
        env.put("MAILER_OLLAMA_BREAKER_DELAY_MS", "4000");
        env.put("MAILER_OUTBOX_INTERVAL", "1s");
        env.put("MAILER_OUTBOX_BATCH_SIZE", "20");
        env.put("MAILER_SMTP_TIMEOUT", "2s");
        env.put("MAILER_OUTBOX_LEASE", "15s");
        // an SMTP outage of the faults' length must not use up a reply's attempts: 4 s apart at most
        env.put("MAILER_OUTBOX_BACKOFF", "1s");
        env.put("MAILER_OUTBOX_BACKOFF_MAX", "4s");
        env.put("MAILER_OUTBOX_MAX_ATTEMPTS", String.valueOf(Math.max(20, outage.toSeconds())));
        env.put("MAILER_REPLY_SWEEP_INTERVAL", "1s");
        // a reply whose planning a crash interrupted is planned again after this long (default 2 min)
        env.put("MAILER_REPLY_REPLAN_AFTER", "10s");
        // an AI draft's claim: its planner killed while waiting for the model, the sweep takes the mail after this
        // (default 10 min; the least the mailer accepts with the Ollama keys above is 40 s)
        env.put("MAILER_REPLY_PLAN_LEASE", "40s");
        // several instances (scale): a standby takes over within 6 s + 1.5 s; a restarted one without waiting 20 s
        env.put("MAILER_LEASE_TTL", "6s");
        env.put("MAILER_REPLY_DRAFTS_FOLDER", dev.LocalMailServer.DRAFTS);
        return env;
    }
}
