package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.DevStack;
import dev.LibertyServer;
import dev.Waits;

/**
 * Not a test: compares the mailer's cold start (a fresh output directory each time, as the
 * container's tmpfs gives it) under variants of its environment, taking turns within one run so
 * the machine's load falls on all of them alike. Prints each start's time to ready and resident
 * memory at ready, the medians and their ratio to the first variant.
 *
 * <pre>./mvnw -Pready-bench [-Dbench.rounds=3] [-Dbench.variants="shipped;cds|JVM_ARGS=-XX:SharedArchiveFile=/tmp/a.jsa"]
 *     [-Dbench.warm-up="train|JVM_ARGS=-XX:ArchiveClassesAtExit=/tmp/a.jsa"] [-Dbench.idle=10] [-Dbench.jcmd=true]</pre>
 *
 * {@code -Dbench.idle=S} also reads the resident memory S seconds after ready (the server left
 * alone); {@code -Dbench.jcmd=true} writes {@code jcmd}'s native memory summary (with a variant's
 * {@code -XX:NativeMemoryTracking=summary}), heap and class histogram at ready into each start's
 * output directory ({@code diagnostics.txt}).
 *
 * A variant is a name, then {@code |KEY=VALUE} pairs added to the server's environment; a
 * {@code SERVER=name} pair starts another server definition under target/liberty/wlp/usr/servers.
 */
public final class ReadyBenchmark {

    record Variant(String name, String server, Map<String, String> env) {}

    /** Time to ready, resident memory at ready, and a hash of the served OpenAPI document (same app, same hash). */
    record Start(double readySeconds, long rssKb, long idleRssKb, String openApi) {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<Variant> variants = variants(System.getProperty("bench.variants", "shipped"));
        Path work = Path.of("target/ready-bench").toAbsolutePath();
        delete(work);
        Path wlp = Path.of("target/liberty/wlp").toAbsolutePath();
        DevStack stack = new DevStack(new DevStack.Options(work, wlp, "mailer", 0, 0, 0, 0, IngestBenchmark.env()));
        Map<String, List<Start>> starts = new LinkedHashMap<>();
        variants.forEach(v -> starts.put(v.name(), new ArrayList<>()));
        String loadBefore = load();
        try {
            stack.startServices();
            // not counted: migrates the fresh database and fills the OS page cache; -Dbench.warm-up names
            // a variant of its own, e.g. a training start that writes a class data sharing archive
            String warmUp = System.getProperty("bench.warm-up", "");
            start(
                    stack,
                    wlp,
                    work.resolve("out-warm-up"),
                    warmUp.isBlank() ? variants.get(0) : variants(warmUp).get(0));
            for (int round = 0; round < rounds; round++) {
                for (Variant v : variants) {
                    Start s = start(stack, wlp, work.resolve("out-" + v.name() + "-" + round), v);
                    starts.get(v.name()).add(s);
                    System.out.printf(
                            "ready-bench: %-12s round %d: ready %6.2f s, resident %4d MB (idle %4d MB), /openapi %s%n",
                            v.name(), round + 1, s.readySeconds(), s.rssKb() / 1024, s.idleRssKb() / 1024, s.openApi());
                }
            }
        } finally {
            stack.close();
        }
        StringBuilder out = new StringBuilder(String.format(
                "Ready benchmark (%d rounds, cold starts, %s), load average before %s, after %s%n",
                rounds, java.time.LocalDate.now(), loadBefore, load()));
        double base = 0;
        for (Variant v : variants) {
            double ready = median(starts.get(v.name()).stream()
                    .mapToDouble(Start::readySeconds)
                    .toArray());
            double rss = median(starts.get(v.name()).stream()
                    .mapToDouble(s -> s.rssKb() / 1024.0)
                    .toArray());
            double idle = median(starts.get(v.name()).stream()
                    .mapToDouble(s -> s.idleRssKb() / 1024.0)
                    .toArray());
            if (base == 0) {
                base = ready;
            }
            out.append(String.format(
                    "  %-12s ready (median) %6.2f s  ratio %5.2f   resident at ready (median) %4.0f MB, idle %4.0f MB"
                            + "   all: %s%n",
                    v.name(), ready, ready / base, rss, idle, starts.get(v.name())));
        }
        System.out.print(out);
        Files.writeString(work.resolve("result.txt"), out.toString());
        System.exit(0);
    }

    static Start start(DevStack stack, Path wlp, Path output, Variant v) {
        Map<String, String> env = new HashMap<>(stack.env());
        env.putAll(v.env());
        LibertyServer server = new LibertyServer(wlp, v.server(), output, env);
        long t0 = System.nanoTime();
        server.start();
        try {
            awaitReady(stack.baseUrl() + "/health/ready", server, Duration.ofMinutes(3));
            double ready = (System.nanoTime() - t0) / 1e9;
            long rss = IngestBenchmark.rssKb(server);
            if (Boolean.getBoolean("bench.jcmd")) {
                diagnose(server, output.resolve("diagnostics.txt"));
            }
            String openApi = openApiHash(stack.baseUrl() + "/openapi", output);
            long idle = rss;
            int idleSeconds = Integer.getInteger("bench.idle", 0);
            if (idleSeconds > 0) {
                long until = t0 + (long) (ready * 1e9) + idleSeconds * 1_000_000_000L;
                Waits.until(Duration.ofSeconds(idleSeconds + 5L), "idle", () -> System.nanoTime() >= until);
                idle = IngestBenchmark.rssKb(server);
            }
            return new Start(ready, rss, idle, openApi);
        } finally {
            server.stop();
        }
    }

    /** jcmd's view of the server at ready: native memory (if tracked), heap, top classes, threads. */
    static void diagnose(LibertyServer server, Path file) {
        server.process().ifPresent(p -> {
            StringBuilder out = new StringBuilder();
            for (String command :
                    List.of("VM.native_memory summary", "GC.heap_info", "GC.class_histogram", "GC.heap_info")) {
                try {
                    List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(p.pid())));
                    cmd.addAll(List.of(command.split(" ")));
                    Process jcmd =
                            new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    String text =
                            new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    jcmd.waitFor();
                    out.append("### jcmd ").append(command).append('\n');
                    List<String> lines = text.lines().toList();
                    if (command.equals("GC.class_histogram") && lines.size() > 31) {
                        // the top classes and the total (the live heap: the histogram collects first)
                        lines = new ArrayList<>(lines.subList(0, 30));
                        lines.add(text.lines().reduce((a, b) -> b).orElse(""));
                    }
                    lines.forEach(l -> out.append(l).append('\n'));
                } catch (IOException e) {
                    out.append("### jcmd ")
                            .append(command)
                            .append(": ")
                            .append(e)
                            .append('\n');
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                out.append("### /proc/")
                        .append(p.pid())
                        .append("/status\n")
                        .append(Files.readString(Path.of("/proc/" + p.pid() + "/status")))
                        .append("### smaps_rollup\n")
                        .append(Files.readString(Path.of("/proc/" + p.pid() + "/smaps_rollup")));
                Files.writeString(file, out.toString());
            } catch (IOException e) {
                System.out.println("ready-bench: no diagnostics: " + e);
            }
        });
    }

    static String openApiHash(String url, Path output) {
        try {
            String body = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Files.writeString(output.resolve("openapi.yaml"), body);
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha, 0, 6);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static void awaitReady(String url, LibertyServer server, Duration within) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Waits.until(within, "the mailer ready", () -> {
            if (server.process().map(p -> !p.isAlive()).orElse(true)) {
                throw new IllegalStateException("the mailer exited; see " + server.logs());
            }
            try {
                return http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    static List<Variant> variants(String spec) {
        List<Variant> out = new ArrayList<>();
        for (String v : spec.split(";")) {
            String[] parts = v.trim().split("\\|");
            Map<String, String> env = new LinkedHashMap<>();
            String server = "mailer";
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                String key = parts[i].substring(0, eq).trim();
                String value = parts[i].substring(eq + 1).trim();
                if (key.equals("SERVER")) {
                    server = value;
                } else {
                    env.put(key, value);
                }
            }
            out.add(new Variant(parts[0].trim(), server, env));
        }
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
