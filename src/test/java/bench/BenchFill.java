package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.DevStack;

/**
 * Fills the benchmark's database quickly but ends with exactly what production would hold: the
 * secondary indexes of the filled tables are dropped first and built once at the end (one build is
 * far cheaper than a million index inserts, GIN above all), blocks of 100,000 mails go in over
 * several connections at once, foreign keys are not checked row by row (session_replication_role
 * replica; the script's ids are consistent by construction; there are no triggers on these tables),
 * and VACUUM ANALYZE runs at the end as autovacuum would. Generated columns (search_doc) are
 * computed by PostgreSQL on insert as always.
 */
final class BenchFill {

    static final int BLOCK = 100_000;
    static final List<String> TABLES =
            List.of("mail_message", "attachment", "classification", "outbound_mail", "review_audit");

    /** How long each step took, printed with the figures. */
    record Timing(double rows, double indexes, double vacuum) {
        @Override
        public String toString() {
            return String.format(
                    "filled in %.0f s: rows %.0f s, indexes %.0f s, vacuum analyze %.0f s",
                    rows + indexes + vacuum, rows, indexes, vacuum);
        }
    }

    private final DevStack stack;
    private final int threads;

    BenchFill(DevStack stack, int threads) {
        this.stack = stack;
        this.threads = Math.max(1, threads);
    }

    Timing fill(int n) throws Exception {
        List<String> statements = statements();
        long t0 = System.nanoTime();
        Map<String, String> indexes;
        try (Connection c = superuser();
                Statement s = c.createStatement()) {
            indexes = secondaryIndexes(s);
            for (String name : indexes.keySet()) {
                s.execute("DROP INDEX " + name);
            }
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> blocks = new ArrayList<>();
            for (int first = 1000; first < 1000 + n; first += BLOCK) {
                int from = first;
                int block = Math.min(BLOCK, 1000 + n - first);
                blocks.add(pool.submit(() -> {
                    block(statements, from, block, n);
                    System.out.printf(
                            "filled %,d of %,d mails (%.0f s)%n",
                            done.addAndGet(block), n, (System.nanoTime() - t0) / 1e9);
                    return null;
                }));
            }
            for (Future<?> f : blocks) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long t1 = System.nanoTime();
        try (Connection c = superuser();
                Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '1GB'");
            s.execute("SET max_parallel_maintenance_workers = " + (threads - 1));
            for (Map.Entry<String, String> e : indexes.entrySet()) {
                long t = System.nanoTime();
                s.execute(e.getValue());
                System.out.printf("built %s (%.0f s)%n", e.getKey(), (System.nanoTime() - t) / 1e9);
            }
            long t2 = System.nanoTime();
            for (String table : TABLES) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
            // the mailer's own sequences must not hand out the ids taken here
            s.execute("SELECT setval('mail_message_seq', " + (1000 + n + 100) + ")");
            s.execute("SELECT setval('outbound_mail_seq', " + (1000 + n + 100) + ")");
            return new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
        }
    }

    private void block(List<String> statements, int first, int block, int total) throws SQLException {
        try (Connection c = superuser();
                Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("SET synchronous_commit = off");
            for (String sql : statements) {
                s.execute(sql.replace(":first", String.valueOf(first))
                        .replace(":total", String.valueOf(total))
                        .replace(":n", String.valueOf(block)));
            }
        }
    }

    /** Index name (schema-qualified where needed) to its definition, for indexes no constraint owns. */
    private static Map<String, String> secondaryIndexes(Statement s) throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid ="
                + " t.relnamespace WHERE t.relname IN ('" + String.join("', '", TABLES) + "')"
                + " AND ns.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                + " ORDER BY pg_relation_size(i.indexrelid) DESC")) {
            while (r.next()) {
                indexes.put(r.getString(1), r.getString(2));
            }
        }
        return indexes;
    }

    private Connection superuser() throws SQLException {
        Connection c = stack.postgres().connect(DevStack.DB_NAME, "postgres", "");
        try (Statement s = c.createStatement()) {
            // the mailer's own schema first, as the mailer's role sees it
            s.execute("SET search_path = " + DevStack.DB_USER + ", public");
        }
        return c;
    }

    private static List<String> statements() throws IOException {
        String script;
        try (var in = BenchFill.class.getResourceAsStream("/bench/search-fill.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Arrays.stream(script.split("\n;\n"))
                .map(String::strip)
                .filter(st -> !st.isEmpty())
                .toList();
    }
}
