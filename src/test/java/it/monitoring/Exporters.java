package it.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import dev.DevStack;

/** Debian's node- and postgres-exporter, started natively beside Prometheus when installed. */
public final class Exporters {

    public static final String NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";
    public static final String POSTGRES_EXPORTER = "/usr/bin/prometheus-postgres-exporter";

    private Exporters() {}

    /** Starts the installed exporters (pushed onto {@code started}, to be closed by the caller); their scrape jobs. */
    public static List<LocalPrometheus.Job> start(Path work, int postgresPort, Deque<AutoCloseable> started) {
        List<LocalPrometheus.Job> jobs = new ArrayList<>();
        if (Daemon.installed(NODE_EXPORTER)) {
            int port = DevStack.port(0);
            Path textfiles;
            try {
                textfiles = Files.createDirectories(work.resolve("textfile"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started.push(Daemon.start(
                    "node-exporter",
                    List.of(
                            NODE_EXPORTER,
                            "--web.listen-address=127.0.0.1:" + port,
                            "--collector.textfile.directory=" + textfiles),
                    Map.of(),
                    work));
            jobs.add(new LocalPrometheus.Job("node", "127.0.0.1:" + port, Map.of()));
        }
        if (Daemon.installed(POSTGRES_EXPORTER)) {
            int port = DevStack.port(0);
            // the bgwriter collector of 0.11 predates PostgreSQL 17's pg_stat_checkpointer and only logs errors
            started.push(Daemon.start(
                    "postgres-exporter",
                    List.of(POSTGRES_EXPORTER, "--web.listen-address=127.0.0.1:" + port, "--no-collector.bgwriter"),
                    Map.of(
                            "DATA_SOURCE_NAME",
                            "postgresql://postgres@127.0.0.1:" + postgresPort + "/postgres?sslmode=disable"),
                    work));
            jobs.add(new LocalPrometheus.Job("postgres", "127.0.0.1:" + port, Map.of()));
        }
        return jobs;
    }
}
