package it.monitoring;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The Grafana panels' queries and the metric names of PromQL expressions, read by
 * test/stack/dashboards.py, so the IT and test/stack/dashboard-queries.sh substitute Grafana's
 * variables ($__rate_interval, $mailer) the same way.
 */
public final class Dashboards {

    static final String DIR = "monitoring/grafana/dashboards";
    private static final String SCRIPT = "test/stack/dashboards.py";

    public record Query(String dashboard, String panel, String datasource, String expr) {
        public boolean prometheus() {
            return "prometheus".equals(datasource);
        }

        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    /** The metric names an expression selects, and the {@code __name__=~} patterns it uses. */
    record Names(List<String> names, List<String> patterns) {}

    private Dashboards() {}

    public static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonObject o : jsonLines(python(List.of("exprs", DIR), ""))) {
            queries.add(new Query(
                    o.getString("dashboard"), o.getString("panel"), o.getString("datasource"), o.getString("expr")));
        }
        return queries;
    }

    static List<Names> names(List<String> expressions) {
        String input = String.join(
                        "\n",
                        expressions.stream().map(e -> e.replace('\n', ' ')).toList()) + "\n";
        return jsonLines(python(List.of("names", "-"), input)).stream()
                .map(o -> new Names(
                        o.getJsonArray("names").getValuesAs(jakarta.json.JsonString::getString),
                        o.getJsonArray("patterns").getValuesAs(jakarta.json.JsonString::getString)))
                .toList();
    }

    private static List<JsonObject> jsonLines(String text) {
        return text.lines()
                .filter(l -> !l.isBlank())
                .map(l -> {
                    try (var r = Json.createReader(new StringReader(l))) {
                        return r.readObject();
                    }
                })
                .toList();
    }

    private static String python(List<String> args, String stdin) {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
