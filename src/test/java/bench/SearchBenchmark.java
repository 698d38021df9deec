package bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.DevStack;
import it.support.Http;

/**
 * Not a test: fills a fresh mailer database with N mails (bench/search-fill.sql: generate_series, in
 * blocks of 100,000) and prints the p50/p95 of the staff API's search (GET /api/mails?q=..., first
 * page of 25, with the count) against the mailer running on Liberty, per kind of query and overall.
 *
 * <pre>./mvnw -Psearch-bench [-Dbench.n=100000] [-Dbench.queries=300]</pre>
 */
public final class SearchBenchmark {

    static final int BLOCK = 100_000;

    /** Kinds of query, each with words to pick from; rare ones are drawn per query. */
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
        Path work = Path.of("target/bench-search").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        DevStack stack = new DevStack(new DevStack.Options(
                work,
                Path.of("target/liberty/wlp").toAbsolutePath(),
                "mailer",
                0,
                0,
                0,
                0,
                Map.of("MAILER_POLL_INTERVAL", "1h", "MAILER_TRIAGE_AI_ENABLED", "false")));
        try {
            stack.startServices();
            stack.startMailer(Duration.ofMinutes(3));
            long t0 = System.nanoTime();
            fill(stack, n);
            double fillSeconds = (System.nanoTime() - t0) / 1e9;
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
            System.out.printf(
                    "%nsearch benchmark: %,d mails (filled in %.0f s), %d queries over HTTP, first page of 25 with"
                            + " the count; %d found something%n",
                    n, fillSeconds, queries, matched);
            System.out.printf("%-16s %8s %8s %8s%n", "kind", "p50 ms", "p95 ms", "max ms");
            times.forEach((k, v) -> print(k, v));
            print("all", all);
            System.out.printf(
                    "load average after the run: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).strip());
        } finally {
            stack.close();
        }
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
        System.out.printf("%-16s %8.1f %8.1f %8.1f%n", kind, pct(v, 0.50), pct(v, 0.95), v[v.length - 1]);
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** The fill script in blocks, so a million mails show progress and no statement runs for long. */
    static void fill(DevStack stack, int n) throws IOException, SQLException {
        String script;
        try (var in = SearchBenchmark.class.getResourceAsStream("/bench/search-fill.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = Arrays.stream(script.split("\n;\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        try (Connection c = stack.postgres().connect(DevStack.DB_NAME, DevStack.DB_USER, DevStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            for (int first = 1000; first < 1000 + n; first += BLOCK) {
                int block = Math.min(BLOCK, 1000 + n - first);
                long t = System.nanoTime();
                for (String sql : statements) {
                    if (sql.startsWith("ANALYZE") && first + BLOCK < 1000 + n) {
                        continue;
                    }
                    s.execute(sql.replace(":first", String.valueOf(first))
                            .replace(":total", String.valueOf(n))
                            .replace(":n", String.valueOf(block)));
                }
                s.execute("DROP TABLE IF EXISTS bench_vocab, bench_attach");
                System.out.printf(
                        "filled %,d of %,d mails (%.0f s)%n", first - 1000 + block, n, (System.nanoTime() - t) / 1e9);
            }
            // the mailer's own sequence must not hand out the ids taken here
            s.execute("SELECT setval('mail_message_seq', " + (1000 + n + 100) + ")");
        }
    }
}
