package bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import dev.DevStack;
import dev.Waits;
import it.events.LocalN8n;

/**
 * The DIY route a user would take instead of the mailer, measured in the ingest benchmark's run:
 * n8n's Email Trigger (IMAP) → Postgres node ({@code test/n8n/bench/imap-to-postgres.json}) in a
 * real n8n from npm, against the benchmark's GreenMail and embedded PostgreSQL. Each trigger version
 * reads a mailbox of its own with the same N mails as the mailer's (a second and third GreenMail
 * user, loaded with the same messages the same way), so each starts from the same unread backlog.
 * The clock runs from the activation request until all N rows are in its table.
 */
final class N8nPeer {

    /** Trigger v2 reads the whole backlog in one search; v2.1, n8n's default, in batches of 20. */
    static final List<String> VERSIONS = List.of("2", "2.1");

    static final String DB = "n8n_bench";
    static final String DB_PASSWORD = "n8n-bench-db-password";
    static final String OWNER_PASSWORD = "Bench-n8n-Passw0rd";

    /** One trigger version's run: a rate only if all N rows arrived before the deadline. */
    record Result(String version, int n, long rows, double seconds, boolean finished) {

        double rate() {
            return finished ? n / seconds : Double.NaN;
        }

        String line() {
            return finished
                    ? String.format(
                            "  n8n trigger v%s: %d mails in %.2f s = %.1f mails/s (%d rows)",
                            version, n, seconds, rate(), rows)
                    : String.format(
                            "  n8n trigger v%s: only %d of %d rows after %.0f s, the deadline: no rate",
                            version, rows, n, seconds);
        }
    }

    private final DevStack stack;
    private final Path work;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String browserId = UUID.randomUUID().toString();
    private String cookie;

    N8nPeer(DevStack stack, Path work) {
        this.stack = stack;
        this.work = work;
    }

    /** Loads the mailboxes, starts n8n, runs each trigger version in turn and stops n8n (also on failure). */
    List<Result> run(List<MimeMessage> mails, Duration deadline) throws Exception {
        Files.createDirectories(work);
        stack.postgres().createMailerDatabase(DB, DB, DB_PASSWORD);
        jakarta.json.JsonArrayBuilder credentials = Json.createArrayBuilder();
        credentials.add(Json.createObjectBuilder()
                .add("id", "benchPostgres001")
                .add("name", "benchPostgres001")
                .add("type", "postgres")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("host", "127.0.0.1")
                                .add("port", stack.postgres().port())
                                .add("database", DB)
                                .add("user", DB)
                                .add("password", DB_PASSWORD)
                                .add("ssl", "disable")
                                .add("allowUnauthorizedCerts", false)
                                .add("sshTunnel", false))
                .build());
        List<Path> workflows = new ArrayList<>();
        try (LocalN8n n8n = new LocalN8n(work, Map.of())) {
            for (String v : VERSIONS) {
                String login = "n8n-v" + id(v);
                try (Connection c = db();
                        Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table(v) + " (sender text, subject text, sent text, uid bigint)");
                }
                var user = stack.mail().user(login + "@bench.example", login, "n8n-bench-password");
                // with an internal date, as a delivery gives it: trigger v2.1 searches SINCE the day it was activated
                for (MimeMessage m : mails) {
                    stack.mail().inbox(user).appendMessage(m, new Flags(), new java.util.Date());
                }
                credentials.add(Json.createObjectBuilder()
                        .add("id", imapCredential(v))
                        .add("name", imapCredential(v))
                        .add("type", "imap")
                        .add(
                                "data",
                                Json.createObjectBuilder()
                                        .add("host", "127.0.0.1")
                                        .add("port", stack.mail().imapPort())
                                        .add("user", login)
                                        .add("password", "n8n-bench-password")
                                        .add("secure", false)
                                        .add("allowUnauthorizedCerts", false))
                        .build());
                Path workflow = work.resolve("workflow-v" + id(v) + ".json");
                Files.writeString(
                        workflow,
                        Files.readString(Path.of("test/n8n/bench/imap-to-postgres.json"))
                                .replace("@ID@", workflowId(v))
                                .replace("@VERSION@", v)
                                .replace("@IMAP@", imapCredential(v))
                                .replace("@TABLE@", table(v)));
                workflows.add(workflow);
            }
            // n8n encrypts the clear credentials on import; the workflows name them by id
            Path credentialsFile = work.resolve("credentials.json");
            Files.writeString(credentialsFile, credentials.build().toString());
            n8n.importCredentials(credentialsFile);
            workflows.forEach(n8n::importWorkflow);
            // /healthz/readiness answers before the REST API is registered; its settings, which need no login, after
            n8n.start(
                    Duration.ofMinutes(5),
                    "n8n's REST API answers",
                    () -> get(n8n, "/rest/settings").statusCode() == 200);
            ownerLogin(n8n);
            List<Result> results = new ArrayList<>();
            for (String v : VERSIONS) {
                results.add(measure(n8n, v, mails.size(), deadline));
            }
            return results;
        }
    }

    private Result measure(LocalN8n n8n, String v, int n, Duration deadline) {
        JsonObject workflow = json(get(n8n, "/rest/workflows/" + workflowId(v))).getJsonObject("data");
        String body = Json.createObjectBuilder()
                .add("versionId", workflow.getString("versionId"))
                .build()
                .toString();
        long t = System.nanoTime();
        HttpResponse<String> activated = post(n8n, "/rest/workflows/" + workflowId(v) + "/activate", body);
        if (activated.statusCode() != 200) {
            throw new IllegalStateException("n8n did not activate trigger v" + v + ": " + activated.statusCode() + " "
                    + activated.body() + " (log: " + n8n.log() + ")");
        }
        long[] rows = {0};
        boolean finished;
        try {
            Waits.until(deadline, "all rows of trigger v" + v, () -> (rows[0] = rows(v)) >= n);
            finished = true;
        } catch (AssertionError e) {
            finished = false;
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        post(n8n, "/rest/workflows/" + workflowId(v) + "/deactivate", "{}");
        return new Result(v, n, rows(v), seconds, finished);
    }

    /** Sets up n8n's owner account (a fresh n8n has none) and keeps its session cookie. */
    private void ownerLogin(LocalN8n n8n) {
        String body = Json.createObjectBuilder()
                .add("email", "owner@bench.example")
                .add("firstName", "Bench")
                .add("lastName", "Owner")
                .add("password", OWNER_PASSWORD)
                .build()
                .toString();
        HttpResponse<String> r = post(n8n, "/rest/owner/setup", body);
        cookie = r.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("n8n-auth="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "n8n's owner setup gave no session: " + r.statusCode() + " " + r.body()));
    }

    private long rows(String v) {
        try (Connection c = db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table(v))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection db() throws SQLException {
        return stack.postgres().connect(DB, DB, DB_PASSWORD);
    }

    private HttpResponse<String> get(LocalN8n n8n, String path) {
        return send(request(n8n, path).GET().build());
    }

    private HttpResponse<String> post(LocalN8n n8n, String path, String json) {
        return send(request(n8n, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpRequest.Builder request(LocalN8n n8n, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n8n.url(path)))
                .timeout(Duration.ofMinutes(2))
                // n8n ties its session to the browser that logged in
                .header("browser-id", browserId);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("n8n answered " + r.statusCode() + ": " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static String id(String version) {
        return version.replace(".", "");
    }

    private static String table(String version) {
        return "n8n_v" + id(version);
    }

    private static String workflowId(String version) {
        return "benchImapPgV" + id(version) + "00";
    }

    private static String imapCredential(String version) {
        return "benchImapV" + id(version) + "00000";
    }
}
