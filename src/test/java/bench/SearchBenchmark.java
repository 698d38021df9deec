package bench;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import dev.DevStack;
import it.support.Http;

/**
 * Not a test: fills a fresh mailer database with N mails (bench/search-fill.sql, by {@link BenchFill}) and
 * prints the p50/p95/max of the staff API's search (GET /api/mails?q=..., first page of 25, with the count)
 * per kind of query, and of the list and detail calls the review page makes (its inbox with filters and
 * paging, the counts, one mail, its thread, its reply form, the audit, the dead letters, the mailbox),
 * against the mailer running on Liberty.
 *
 * <pre>./mvnw -Psearch-bench [-Dbench.n=100000] [-Dbench.queries=300] [-Dbench.calls=30]
 *     [-Dbench.fill.threads=2] [-Dbench.reuse=true] [-Dbench.ingest.n=1000]</pre>
 *
 * bench.reuse=true keeps the database a previous run filled with the same N (target/bench-search) and
 * only measures: a million mails take minutes to fill. Last, the run measures ingest: bench.ingest.n mails
 * (the ingest benchmark's kind) put into the mailbox and stored by one poll, first into the filled database,
 * then, on a second stack, into an empty one; it prints both rates (the poll's own time) and their ratio.
 * bench.ingest.n=0 leaves it out.
 */
public final class SearchBenchmark {

    /** The mailer's settings for both stacks: polls on demand only (IDLE off, so the measured poll finds the mail). */
    static final Map<String, String> ENV = Map.of(
            "MAILER_POLL_INTERVAL", "1h",
            "MAILER_TRIAGE_AI_ENABLED", "false",
            "MAILER_OPS_TRIGGER_ENABLED", "true",
            "MAILER_IMAP_IDLE", "off");

    static final Map<String, List<String>> KINDS = Map.of(
            "common word",
            List.of("Termin", "Rezept", "Rechnung", "order", "delivery", "Lieferung", "bitte", "Praxis"),
            "umlaut variant",
            List.of("ueberweisung", "uberweisung", "strasse", "Grüße", "grusse", "Röntgen", "roentgen"),
            "two words",
            List.of("Termin verschieben", "refund parcel", "Rezept Tabletten", "Befund Labor", "invoice payment"),
            "sender name",
            List.of("Müller", "Schröder", "Krüger", "Weiß", "Jäger", "Köhler"),
            "attachment name",
            List.of("Laborbericht", "Lieferschein", "Arztbrief", "Retourenschein"),
            "no match",
            List.of("Zahnspange", "Quittungsblock", "xylophone", "Tandemsprung"));

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 100_000);
        int queries = Integer.getInteger("bench.queries", 300);
        int calls = Integer.getInteger("bench.calls", 30);
        int threads = Integer.getInteger("bench.fill.threads", 2);
        int ingestN = Integer.getInteger("bench.ingest.n", 1000);
        double fullRate = 0;
        Path work = Path.of("target/bench-search").toAbsolutePath();
        Path filled = work.resolve("filled");
        boolean reuse = Boolean.getBoolean("bench.reuse")
                && Files.exists(filled)
                && Files.readString(filled).strip().equals(String.valueOf(n));
        if (!reuse) {
            delete(work);
        }
        DevStack stack = new DevStack(
                new DevStack.Options(work, Path.of("target/liberty/wlp").toAbsolutePath(), "mailer", 0, 0, 0, 0, ENV));
        try {
            stack.startServices();
            // a reused database may first be migrated to this build's schema: V25 rewrites mail_message
            // (minutes at a million mails, docs/benchmarks.md#search)
            stack.startMailer(Duration.ofMinutes(reuse ? 30 : 3));
            String fillNote;
            if (reuse) {
                fillNote = "filled by an earlier run";
            } else {
                BenchFill.Timing t = new BenchFill(stack, threads).fill(n);
                Files.writeString(filled, String.valueOf(n));
                fillNote = t.toString();
            }
            Http.Login staff = Http.staff(stack);
            Random random = new Random(42);
            List<String> kinds = new ArrayList<>(KINDS.keySet());
            kinds.add("order number");
            kinds.add("with filter");
            for (int i = 0; i < 30; i++) {
                search(staff, query("common word", random, n), "");
            }
            Map<String, List<Double>> times = new TreeMap<>();
            List<Double> all = new ArrayList<>();
            long matched = 0;
            for (int i = 0; i < queries; i++) {
                String kind = kinds.get(i % kinds.size());
                String filter = kind.equals("with filter") ? "&category=emergency&priority=urgent" : "";
                String q = kind.equals("with filter") ? query("common word", random, n) : query(kind, random, n);
                long s = System.nanoTime();
                int total = search(staff, q, filter);
                double ms = (System.nanoTime() - s) / 1e6;
                matched += total > 0 ? 1 : 0;
                times.computeIfAbsent(kind, k -> new ArrayList<>()).add(ms);
                all.add(ms);
            }
            Map<String, List<Double>> api = StaffCalls.measure(staff, n, calls, random);
            System.out.printf(
                    "%nsearch benchmark: %,d mails (%s), %d queries over HTTP, first page of 25 with"
                            + " the count; %d found something (target p95 < 100 ms)%n",
                    n, fillNote, queries, matched);
            System.out.printf("%-22s %8s %8s %8s%n", "kind", "p50 ms", "p95 ms", "max ms");
            times.forEach((k, v) -> print(k, v));
            print("all", all);
            System.out.printf("%nstaff API, %d calls each over HTTP (target p95 < 50 ms)%n", calls);
            System.out.printf("%-22s %8s %8s %8s%n", "call", "p50 ms", "p95 ms", "max ms");
            api.forEach((k, v) -> print(k, v));
            if (ingestN > 0) {
                fullRate = ingest(stack, ingestN);
            }
        } finally {
            stack.close();
        }
        if (ingestN > 0) {
            Path emptyWork = Path.of("target/bench-search-empty").toAbsolutePath();
            delete(emptyWork);
            DevStack empty = new DevStack(new DevStack.Options(
                    emptyWork, Path.of("target/liberty/wlp").toAbsolutePath(), "mailer", 0, 0, 0, 0, ENV));
            try {
                empty.startServices();
                empty.startMailer(Duration.ofMinutes(3));
                double emptyRate = ingest(empty, ingestN);
                System.out.printf(
                        "%ningest of %,d new mails by one poll (all rows committed, the poll's own time;"
                                + " target: within 10 %% of the empty database's rate)%n",
                        ingestN);
                System.out.printf("  with %,d mails stored   %8.1f mails/s%n", n, fullRate);
                System.out.printf("  into an empty database   %8.1f mails/s%n", emptyRate);
                System.out.printf("  ratio                    %8.2f%n", fullRate / emptyRate);
            } finally {
                empty.close();
            }
        }
        System.out.printf(
                "load average after the run: %s%n",
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** A run's working directory removed with everything in it, if it exists. */
    static void delete(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Puts n mails into the stack's mailbox and has one poll store them; the poll's own rate. */
    static double ingest(DevStack stack, int n) throws Exception {
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        for (MimeMessage m : IngestBenchmark.corpus(n)) {
            stack.mail().inbox(user).appendMessage(m, new Flags(), null);
        }
        Http.Response poll = IngestBenchmark.polled(Http.admin(stack), n);
        long millis = Json.createReader(new StringReader(poll.body()))
                .readObject()
                .getJsonNumber("millis")
                .longValue();
        return n / (millis / 1e3);
    }

    static String query(String kind, Random random, int n) {
        if (kind.equals("order number")) {
            return "B-" + (1000 + random.nextInt(n));
        }
        List<String> words = KINDS.get(kind);
        return words.get(random.nextInt(words.size()));
    }

    static int search(Http.Login staff, String q, String filter) {
        Http.Response r = staff.get("/api/mails?limit=25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + filter);
        if (r.status() != 200) {
            throw new IllegalStateException("search for " + q + " answered " + r.status() + ": " + r.body());
        }
        int at = r.body().lastIndexOf("\"total\":");
        return Integer.parseInt(r.body().substring(at + 8).replaceAll("[^0-9].*", ""));
    }

    static void print(String kind, List<Double> ms) {
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%-22s %8.1f %8.1f %8.1f%n", kind, pct(v, 0.50), pct(v, 0.95), v[v.length - 1]);
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
