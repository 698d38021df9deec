package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import dev.DevStack;
import dev.LocalDovecot;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.Mails;

/**
 * Not a test: the AI path's throughput against the Ollama stand-in's capacity P/L (slots / latency), and
 * ingest while the AI path is saturated against ingest while it is idle, in one run on one stack (the
 * mailbox in Dovecot, PostgreSQL, clamd, the Liberty server the build made). Three parts:
 * <ol>
 *   <li><b>classification alone</b>: N mails of a category without a reply; the rate between the first
 *       and the last stored classification, against P/L;
 *   <li><b>classification and AI drafts</b>: N mails of an {@code ai-draft} category, each asking the model
 *       twice; the model requests' rate between the first classification and the last draft, against P/L;
 *       and how many were turned away (a classification or a draft that did not get the model's answer);
 *   <li><b>ingest</b> of M mails (the ingest benchmark's corpus) by one on-demand poll, all rows committed:
 *       while the AI path is idle, then while a backlog of N mails (with drafts) keeps every slot busy, two
 *       rounds; the ratio of the rates over both rounds.
 * </ol>
 * <pre>./mvnw -Pai-bench [-Dbench.n=500] [-Dbench.latency=100] [-Dbench.slots=2] [-Dbench.parallel=slots] [-Dbench.ingest.n=1000] [-Dbench.env="KEY=VALUE;…"]</pre>
 */
public final class AiPathBenchmark {

    private static final String APPOINTMENT = "{\"category\":\"appointment_new\",\"priority\":\"normal\","
            + "\"language\":\"de\",\"summary\":\"Terminwunsch\",\"needs_reply\":true,\"confidence\":0.9}";
    private static final String DRAFT =
            "Guten Tag, gern schlagen wir Ihnen einen Termin am Mittwoch um 9 Uhr vor. Viele Grüße";

    private static final String UNCLASSIFIED = "select count(*) from mail_message m"
            + " where not exists (select 1 from classification c where c.mail_id = m.id)";

    private final DevStack stack;
    private final LocalDovecot dovecot;
    private final Db db;
    private final Http.Login admin;
    private final Duration latency;
    private final int slots;
    private final int parallel;
    private int batch;
    /** The model's answers during the last {@link #ingest}'s poll. */
    private int answeredDuringPoll;

    private AiPathBenchmark(DevStack stack, LocalDovecot dovecot, Duration latency, int slots, int parallel) {
        this.stack = stack;
        this.dovecot = dovecot;
        this.db = new Db(stack);
        this.admin = Http.admin(stack);
        this.latency = latency;
        this.slots = slots;
        this.parallel = parallel;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 500);
        int m = Integer.getInteger("bench.ingest.n", 1000);
        Duration latency = Duration.ofMillis(Long.getLong("bench.latency", 100));
        int slots = Integer.getInteger("bench.slots", 2);
        // the mailer's setting; Ollama's OLLAMA_NUM_PARALLEL is the stand-in's slots
        int parallel = Integer.getInteger("bench.parallel", slots);
        String loadAtStart = IngestBenchmark.loadAverage();
        Path work = Path.of("target/bench-ai").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(work);
        LocalDovecot dovecot = LocalDovecot.start(work.resolve("dovecot"));
        dovecot.user(DevStack.LOGIN, DevStack.PASSWORD);
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MAILER_IMAP_PORT",
                String.valueOf(dovecot.imapPort()),
                "MAILER_POLL_INTERVAL",
                "1h",
                "MAILER_OPS_TRIGGER_ENABLED",
                "true",
                "MAILER_IMAP_IDLE",
                "off",
                "MAILER_OLLAMA_PARALLEL",
                String.valueOf(parallel),
                "MAILER_OLLAMA_QUEUE",
                String.valueOf(parallel)));
        IngestBenchmark.withBenchEnv(env);
        DevStack stack = new DevStack(
                new DevStack.Options(work, Path.of("target/liberty/wlp").toAbsolutePath(), "mailer", 0, 0, 0, 0, env));
        try {
            stack.startServices();
            stack.startMailer(Duration.ofMinutes(3));
            // a classification (the request with a schema) of mail asking for an appointment: an ai-draft category;
            // any other mail: "other", which has no reply; anything else asked is a draft
            stack.ollama()
                    .latency(latency)
                    .slots(slots)
                    .answerFor(r -> !r.contains("\"format\"")
                            ? DRAFT
                            : r.contains("Termin") ? APPOINTMENT : OllamaStandIn.DEFAULT_ANSWER);
            AiPathBenchmark b = new AiPathBenchmark(stack, dovecot, latency, slots, parallel);
            String report = b.run(n, m)
                    + String.format(
                            "  load average (1/5/15 min) start / end %s / %s%n",
                            loadAtStart, IngestBenchmark.loadAverage());
            System.out.print(report);
            Files.writeString(work.resolve("result.txt"), report);
        } finally {
            stack.close();
            dovecot.close();
        }
        System.exit(0);
    }

    private String run(int n, int m) throws Exception {
        double capacity = slots / (latency.toMillis() / 1000.0);
        StringBuilder out = new StringBuilder(String.format(
                "AI path benchmark (Ollama stand-in: %d slots, latency %d ms, capacity P/L %.1f requests/s;"
                        + " mailer.ollama.parallel = queue = %d), %s%n",
                slots, latency.toMillis(), capacity, parallel, java.time.LocalDate.now()));

        // warm-up, not counted: the first poll of a fresh server runs on code the JIT has not compiled yet
        ingest(m, true);
        Waits.until(deadline(m), "the warm-up's mail classified", () -> db.count(UNCLASSIFIED) == 0);

        // 1. classification alone: "other" has no reply
        String alone = load(n, "Frage", "Ich habe eine Frage zu meiner Rechnung.");
        Waits.until(deadline(n), "all " + n + " classified", () -> classified(alone) == n);
        Map<String, Object> c = span(
                "select min(c.created_at) as first, max(c.created_at) as last from classification c"
                        + " join mail_message m on m.id = c.mail_id where m.subject like ?",
                alone);
        double rate1 = (n - 1) / seconds(c);
        out.append(String.format(
                "  classification alone: %d mails in %.2f s = %.2f mails/s, ratio to P/L %.2f (target ≥ 0.95);"
                        + " by the model: %d%n",
                n, seconds(c), rate1, rate1 / capacity, byModel(alone)));

        // 2. classification and AI drafts: two requests per mail, one queue
        String mixed = load(n, "Termin", "Ich hätte gern einen neuen Termin.");
        Waits.until(deadline(2 * n), "all " + n + " answered", () -> replies(mixed) == n);
        Map<String, Object> d = span(
                "select min(c.created_at) as first, max(c.created_at) as classified,"
                        + " (select max(o.created_at) from outbound_mail o join mail_message m2 on m2.id = o.mail_id"
                        + " where m2.subject like ?) as last"
                        + " from classification c join mail_message m on m.id = c.mail_id where m.subject like ?",
                mixed,
                mixed);
        double rate2 = (2 * n - 1) / seconds(d);
        long aiDrafts = db.count(
                "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                        + " where m.subject like ? and o.kind = 'ai_draft'",
                mixed);
        long turnedAway = n - byModel(mixed) + (n - aiDrafts);
        out.append(String.format(
                "  classification + AI drafts: %d mails, %d requests in %.2f s = %.2f requests/s, ratio to P/L %.2f"
                        + " (target ≥ 0.95); last classification after %.2f s; turned away: %d"
                        + " (classifications not by the model %d, drafts not by the model %d)%n",
                n,
                2 * n,
                seconds(d),
                rate2,
                rate2 / capacity,
                between(d.get("first"), d.get("classified")),
                turnedAway,
                n - byModel(mixed),
                n - aiDrafts));

        // 3. ingest with the AI path idle, then saturated, twice in turn (the first ingests of a run are still the
        // slowest: the two of each kind are summed). The ingest's own mail is classified as "other": one request
        // each, after it is stored, as in production.
        double idleSeconds = 0;
        double saturatedSeconds = 0;
        for (int round = 1; round <= 2; round++) {
            double idle = ingest(m, true);
            Waits.until(deadline(m), "nothing waits for the model", () -> db.count(UNCLASSIFIED) == 0);
            String backlog = load(n, "Termin", "Ich hätte gern einen neuen Termin.");
            double saturated = ingest(m, false);
            long left = n - classified(backlog) + (n - replies(backlog));
            out.append(String.format(
                    "  ingest of %d mails, all rows committed, round %d: AI path idle %.1f mails/s; saturated %.1f mails/s"
                            + " (the model answered %d requests meanwhile, %d of the backlog's %d requests still waiting"
                            + " at the end)%n",
                    m, round, m / idle, m / saturated, answeredDuringPoll, left, 2 * n));
            idleSeconds += idle;
            saturatedSeconds += saturated;
            Waits.until(
                    deadline(2 * n + 2 * m),
                    "the backlog and the ingested mail done",
                    () -> replies(backlog) == n && db.count(UNCLASSIFIED) == 0);
        }
        out.append(String.format(
                "  ratio ingest saturated / idle (two rounds each) %.2f (target ≥ 0.9)%n",
                idleSeconds / saturatedSeconds));
        return out.toString();
    }

    /** Puts {@code count} mails with a fresh subject tag into the mailbox and stores them by one poll; the tag. */
    private String load(int count, String word, String text) throws Exception {
        String tag = word + " " + (++batch) + " #";
        List<MimeMessage> mails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // a sender of its own per mail: the per-sender reply window must not hold a draft back
            mails.add(Mails.plain("bench" + batch + "-" + i + "@patient.example", tag + i, text + " " + i));
        }
        dovecot.append(DevStack.LOGIN, "INBOX", mails, null);
        IngestBenchmark.polled(admin, count);
        return tag + "%";
    }

    /**
     * One poll of {@code count} new mails (the ingest benchmark's corpus); seconds until its last commit.
     * {@code idle}: first wait until no mail waits for the model.
     */
    private double ingest(int count, boolean idle) throws Exception {
        if (idle) {
            Waits.until(deadline(count), "nothing waits for the model", () -> db.count(UNCLASSIFIED) == 0);
        }
        dovecot.append(DevStack.LOGIN, "INBOX", IngestBenchmark.corpus(count), null);
        int answered = stack.ollama().answered();
        long t = System.nanoTime();
        IngestBenchmark.polled(admin, count);
        double seconds = (System.nanoTime() - t) / 1e9;
        answeredDuringPoll = stack.ollama().answered() - answered;
        return seconds;
    }

    private Duration deadline(int requests) {
        return latency.multipliedBy(requests).dividedBy(slots).multipliedBy(3).plusMinutes(3);
    }

    private long classified(String like) {
        return db.count(
                "select count(*) from classification c join mail_message m on m.id = c.mail_id where m.subject like ?",
                like);
    }

    private long byModel(String like) {
        return db.count(
                "select count(*) from classification c join mail_message m on m.id = c.mail_id"
                        + " where m.subject like ? and c.classified_by = 'ai'",
                like);
    }

    private long replies(String like) {
        return db.count(
                "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id where m.subject like ?",
                like);
    }

    private Map<String, Object> span(String sql, Object... args) {
        return db.rows(sql, args).get(0);
    }

    private static double seconds(Map<String, Object> span) {
        return between(span.get("first"), span.get("last"));
    }

    private static double between(Object from, Object to) {
        return (((Timestamp) to).getTime() - ((Timestamp) from).getTime()) / 1000.0;
    }
}
