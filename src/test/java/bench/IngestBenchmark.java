package bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import dev.DevStack;
import dev.LocalDovecot;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.Mails;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.platform.control.MailLogin;

/**
 * Not a test: measures ingest on this machine and prints figures. N mails (20 % with a 100 KB
 * attachment, the rest plain text and HTML) are put into a real IMAP server; the mailer running on
 * Liberty ingests them (fetch, parse, store, attachments scanned by clamd), and in the same run the
 * server's raw bulk read rate for the same mailbox is measured with no database. Also the time to
 * ready, the first mail's latency and the resident memory of the server: idle at ready, after the
 * ingest and after one mail of 25 MB.
 *
 * <p>With {@code -Dbench.n8n=true} the same run also measures n8n's Email Trigger (IMAP) → Postgres
 * workflow on the same mail ({@link N8nPeer}) and prints its rates and the mailer's ratio to the best.
 *
 * <p>With {@code -Dbench.server=dovecot} the mailbox is Dovecot's ({@link LocalDovecot}: the second IMAP
 * implementation, the one whose per-command cost does not grow with the mailbox as GreenMail's does) instead of
 * GreenMail's; mail is then put in by IMAP APPEND, also the single mails after the burst.
 *
 * <pre>./mvnw -Pbench [-Dbench.n=1000] [-Dbench.server=greenmail|dovecot] [-Dbench.n8n=true] [-Dbench.jvm-args="-XX:StartFlightRecording=..."]
 *     [-Dbench.env="KEY=VALUE;..."] [-Dbench.jcmd=true]</pre>
 */
public final class IngestBenchmark {

    /** Far beyond any poll of N mails here; the poll's answer, not this, ends the measurement. */
    private static final Duration POLL_LIMIT = Duration.ofMinutes(30);

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 1000);
        String loadAtStart = loadAverage();
        Path work = Path.of("target/bench").toAbsolutePath();
        // a fresh database and mailbox every run
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        boolean onDovecot = "dovecot".equals(System.getProperty("bench.server", "greenmail"));
        Files.createDirectories(work);
        LocalDovecot dovecot = onDovecot ? LocalDovecot.start(work.resolve("dovecot")) : null;
        Map<String, String> env = env();
        if (dovecot != null) {
            dovecot.user(DevStack.LOGIN, DevStack.PASSWORD);
            env.put("MAILER_IMAP_PORT", String.valueOf(dovecot.imapPort()));
        }
        DevStack stack = new DevStack(
                new DevStack.Options(work, Path.of("target/liberty/wlp").toAbsolutePath(), "mailer", 0, 0, 0, 0, env));
        try {
            stack.startServices();
            long t0 = System.nanoTime();
            stack.startMailer(Duration.ofMinutes(3));
            double readySeconds = (System.nanoTime() - t0) / 1e9;
            long rssIdle = rssKb(stack);
            Db db = new Db(stack);

            // the first mail: from SMTP delivery to stored, with the timer's poll (interval 1h: on demand here)
            var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
            List<MimeMessage> mails = corpus(n);
            long bytes = 0;
            long load = System.nanoTime();
            if (dovecot != null) {
                dovecot.append(DevStack.LOGIN, "INBOX", mails, null);
            } else {
                for (MimeMessage m : mails) {
                    stack.mail().inbox(user).appendMessage(m, new Flags(), null);
                }
            }
            for (MimeMessage m : mails) {
                bytes += Mails.bytes(m).length;
            }
            double loadSeconds = (System.nanoTime() - load) / 1e9;
            String server = dovecot != null ? "Dovecot " + dovecotVersion() : "GreenMail";

            // raw read rate of the same server and mailbox: one connection, one bulk UID FETCH, no database
            ImapSettings imap = new ImapSettings(
                    "127.0.0.1",
                    dovecot != null ? dovecot.imapPort() : stack.mail().imapPort(),
                    ImapSettings.Security.PLAIN,
                    DevStack.LOGIN,
                    MailLogin.password(DevStack.PASSWORD),
                    "INBOX",
                    ImapSettings.AfterStore.LEAVE,
                    "x",
                    Duration.ofMinutes(5),
                    false);
            double rawSeconds;
            long rawBytes = 0;
            try (ImapMailbox box = ImapMailbox.open(imap)) {
                List<Long> uids = box.announcedAfter(0).stream()
                        .map(ImapMailbox.Announced::uid)
                        .toList();
                long r = System.nanoTime();
                for (byte[] b : box.bodies(uids).values()) {
                    rawBytes += b.length;
                }
                rawSeconds = (System.nanoTime() - r) / 1e9;
            }

            // ingest: one on-demand poll reads everything new; it answers after the last commit
            Http.Login admin = Http.admin(stack);
            long i = System.nanoTime();
            Http.Response poll = polled(admin, n);
            double storedSeconds = (System.nanoTime() - i) / 1e9;
            double serverSeconds = Json.createReader(new StringReader(poll.body()))
                            .readObject()
                            .getJsonNumber("millis")
                            .longValue()
                    / 1e3;
            // ingest ends when the last attachment is scanned and filed, not when the last row commits
            Waits.until(
                    Duration.ofMinutes(5),
                    "every attachment scanned",
                    () -> db.count("select count(*) from attachment where virus_scan_status = 'clean'") >= n / 5);
            double ingestSeconds = (System.nanoTime() - i) / 1e9;
            long stored = db.count("select count(*) from mail_message");
            long withAttachments = db.count("select count(*) from mail_message where attachment_count > 0");
            long scanned = db.count("select count(*) from attachment where virus_scan_status = 'clean'");
            long rssAfter = rssKb(stack);

            // the first mail after the burst: delivered over SMTP, stored by the next poll
            String subject = Mails.unique("Latenz");
            long s = System.nanoTime();
            deliver(stack, dovecot, Mails.plain("latency@bench.example", subject, "x"), subject);
            polled(admin, 1);
            double firstSeconds = (System.nanoTime() - s) / 1e9;

            double ingestRate = n / ingestSeconds;
            double rawRate = n / rawSeconds;
            String peer = !Boolean.getBoolean("bench.n8n")
                    ? ""
                    : dovecot != null
                            ? "  n8n: measured against GreenMail only (-Dbench.server=greenmail)\n"
                            : peer(stack, work, mails, n / storedSeconds, rawRate);
            String report = String.format(
                    """
                    Ingest benchmark (N=%d, %d with a 100 KB attachment, %.1f MB, IMAP server %s), %s
                      mailbox loaded in                     %8.2f s
                      raw bulk UID FETCH (1 conn, no DB)    %8.2f s  %8.1f mails/s  (%.1f MB)
                      mailer: all rows committed after      %8.2f s  %8.1f mails/s  (the poll's own time on the server: %.2f s)
                      mailer ingest (fetch+parse+store+scan)%8.2f s  %8.1f mails/s  (%d stored, %d with attachments, %d attachments clean)
                      ratio rows committed / raw            %8.2f
                      ratio ingest incl. scan / raw         %8.2f
                      one new mail -> stored (one poll)     %8.2f s
                      server ready after start              %8.2f s
                      server resident memory idle / after   %8d MB / %d MB
                    %s  load average (1/5/15 min) start / end %s / %s
                      poll answer: %s
                    """,
                    n,
                    n / 5,
                    bytes / 1e6,
                    server,
                    java.time.LocalDate.now(),
                    loadSeconds,
                    rawSeconds,
                    rawRate,
                    rawBytes / 1e6,
                    storedSeconds,
                    n / storedSeconds,
                    serverSeconds,
                    ingestSeconds,
                    ingestRate,
                    stored,
                    withAttachments,
                    scanned,
                    (n / storedSeconds) / rawRate,
                    ingestRate / rawRate,
                    firstSeconds,
                    readySeconds,
                    rssIdle / 1024,
                    rssAfter / 1024,
                    peer,
                    loadAtStart,
                    loadAverage(),
                    poll.body());
            System.out.println(report);
            Files.writeString(work.resolve("result.txt"), report);
            // one mail just under mailer.poll.max-message-size (25 MiB): the heap holds it about twice for a moment
            MimeMessage large = Mails.withPdf("gross@bench.example", "Gross", "Anbei.", 18_900_000, 1);
            long largeBytes = Mails.bytes(large).length;
            deliver(stack, dovecot, large, "Gross");
            long l = System.nanoTime();
            try {
                polled(admin, 1);
            } catch (IllegalStateException e) {
                boolean died = stack.liberty().process().map(p -> !p.isAlive()).orElse(true);
                throw new IllegalStateException(
                        died
                                ? "the server died on the " + largeBytes + "-byte mail (see "
                                        + stack.liberty().consoleLog() + ", e.g. OutOfMemoryError)"
                                : e.getMessage(),
                        e);
            }
            double largeSeconds = (System.nanoTime() - l) / 1e9;
            long rssLarge = rssKb(stack);
            if (Boolean.getBoolean("bench.jcmd")) {
                // native memory (with -XX:NativeMemoryTracking=summary), heap and classes after the large mail
                ReadyBenchmark.diagnose(stack.liberty(), work.resolve("diagnostics.txt"));
            }

            String largeLine = String.format(
                    "  one %.1f MB mail stored after          %8.2f s, then resident %d MB%n",
                    largeBytes / 1e6, largeSeconds, rssLarge / 1024);
            System.out.print(largeLine);
            Files.writeString(work.resolve("result.txt"), largeLine, java.nio.file.StandardOpenOption.APPEND);
        } finally {
            stack.close();
            if (dovecot != null) {
                dovecot.close();
            }
        }
        System.exit(0);
    }

    /** One mail into the mailbox: over SMTP into GreenMail (until it is there), or by APPEND into Dovecot. */
    static void deliver(DevStack stack, LocalDovecot dovecot, MimeMessage m, String subject) throws Exception {
        if (dovecot != null) {
            dovecot.append(DevStack.LOGIN, "INBOX", List.of(m), null);
            return;
        }
        Mails.send(stack.mail().smtpPort(), m);
        Waits.until(
                Duration.ofSeconds(60),
                "delivered",
                () -> it.support.Mailbox.withSubject(stack, subject).isPresent());
    }

    static String dovecotVersion() {
        try {
            Process p = new ProcessBuilder(LocalDovecot.BINARY.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return v.split(" ")[0];
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /**
     * n8n's trigger → Postgres on the same mail, while the mailer idles; the lines for the report.
     * n8n not installed or failing gives a line that says so, never a rate.
     */
    static String peer(DevStack stack, Path work, List<MimeMessage> mails, double mailerRate, double rawRate) {
        if (!it.events.LocalN8n.installed()) {
            return "  n8n: not installed at " + it.events.LocalN8n.home() + " (test/n8n/install.sh), not measured\n";
        }
        int n = mails.size();
        Duration deadline = Duration.ofSeconds(Long.getLong("bench.n8n.deadline", Math.max(600, n / 5)));
        StringBuilder out = new StringBuilder();
        try {
            double best = 0;
            for (N8nPeer.Result r : new N8nPeer(stack, work.resolve("n8n")).run(mails, deadline)) {
                out.append(r.line());
                if (r.finished()) {
                    out.append(String.format("  (n8n / raw %.2f)", r.rate() / rawRate));
                    best = Math.max(best, r.rate());
                }
                out.append('\n');
            }
            out.append(
                    best > 0
                            ? String.format(
                                    "  ratio mailer / n8n best: %.2f (target ≥ 3; mailer rows committed %.1f mails/s)%n",
                                    mailerRate / best, mailerRate)
                            : "  ratio mailer / n8n best: none (no n8n run finished)\n");
        } catch (Exception e) {
            out.append("  n8n: failed, not measured: ")
                    .append(e)
                    .append(" (log: ")
                    .append(work.resolve("n8n/n8n.log"))
                    .append(")\n");
        }
        return out.toString();
    }

    /** The machine's load while the benchmark runs: the figures mean little without it. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The mailer's settings for the run; -Dbench.jvm-args adds JVM options (e.g. a JFR recording),
     * -Dbench.env more environment variables.
     */
    static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MAILER_POLL_INTERVAL", "1h",
                "MAILER_OPS_TRIGGER_ENABLED", "true",
                // the on-demand poll alone fetches: with IDLE on, the watch would store the mails as they arrive
                "MAILER_IMAP_IDLE", "off",
                "MAILER_TRIAGE_AI_ENABLED", "false"));
        String jvmArgs = System.getProperty("bench.jvm-args", "");
        if (!jvmArgs.isBlank()) {
            env.put("JVM_ARGS", jvmArgs);
        }
        return withBenchEnv(env);
    }

    /** {@code -Dbench.env="KEY=VALUE;KEY=VALUE"}: more of the server's environment, e.g. MALLOC_ARENA_MAX=2. */
    static Map<String, String> withBenchEnv(Map<String, String> env) {
        for (String pair : System.getProperty("bench.env", "").split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return env;
    }

    /**
     * One on-demand poll that must have stored exactly {@code expected} new mails. The server answers
     * after its last commit; anything else — the HTTP client giving up, a poll skipped or failed,
     * fewer rows — ends the run with an exception, so no printed figure is ever a timeout.
     */
    static Http.Response polled(Http.Login admin, int expected) {
        long t = System.nanoTime();
        Http.Response r = admin.post("/api/ops/poll", POLL_LIMIT);
        double seconds = (System.nanoTime() - t) / 1e9;
        if (r.status() != 200) {
            throw new IllegalStateException(String.format(
                    "the poll gave no answer after %.2f s (limit %s): %d %s",
                    seconds, POLL_LIMIT, r.status(), r.body()));
        }
        JsonObject o = Json.createReader(new StringReader(r.body())).readObject();
        boolean failed = o.containsKey("error") && !o.isNull("error");
        if (!o.getBoolean("ran") || failed || o.getInt("stored") != expected) {
            throw new IllegalStateException("the poll did not store " + expected + " mails: " + r.body());
        }
        return r;
    }

    /** 20 % with a 100 KB PDF-like attachment, the rest alternating plain text and HTML. */
    static List<MimeMessage> corpus(int n) {
        List<MimeMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String from = "kunde" + i + "@bench.example";
            String subject = "Anfrage " + i;
            String text = "Guten Tag,\n\nich habe eine Frage zu Nummer " + i + ".\n" + "Viele Gruesse\n".repeat(20);
            if (i % 5 == 0) {
                out.add(Mails.withPdf(from, subject, text, 100_000, i));
            } else if (i % 2 == 0) {
                out.add(Mails.html(
                        from, subject, "<html><body><p>" + text.replace("\n", "<br>") + "</p></body></html>"));
            } else {
                out.add(Mails.plain(from, subject, text));
            }
        }
        return out;
    }

    static long rssKb(DevStack stack) {
        return rssKb(stack.liberty());
    }

    static long rssKb(dev.LibertyServer server) {
        return server.process()
                .map(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                                .filter(l -> l.startsWith("VmRSS:"))
                                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                                .findFirst()
                                .orElse(-1);
                    } catch (IOException e) {
                        return -1L;
                    }
                })
                .orElse(-1L);
    }
}
