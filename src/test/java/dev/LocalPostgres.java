package dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from Maven Central (zonky's binaries), on a loopback port, with its data in a
 * directory of ours so it can be stopped and started again with the data intact.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path dataDir;
    private final Path binDir;
    private final int port;
    private EmbeddedPostgres pg;

    public LocalPostgres(Path workDir, int port) {
        this.dataDir = workDir.resolve("pgdata");
        this.binDir = workDir.resolve("pgbin");
        this.port = port;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (pg != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binDir);
            pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("fsync", "off")
                    // zonky turns this off; production runs PostgreSQL's default. Off, a kill -9 loses
                    // commits already acknowledged (a reply recorded SENT comes back PENDING and is
                    // sent twice), which is a test artefact, not the mailer's behaviour. fsync=off only
                    // matters when the machine itself goes down.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pg = null;
        }
    }

    /**
     * kill -9 of the postmaster and every backend, as when a container or the machine dies: no
     * checkpoint, no clean shutdown; the next {@link #start()} runs crash recovery on the same data.
     */
    public synchronized void kill() {
        if (pg == null) {
            return;
        }
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
            all.add(postmaster);
            all.forEach(ProcessHandle::destroyForcibly);
            // a new postmaster refuses the data directory while an old backend still holds its shared memory
            Waits.until(
                    Duration.ofSeconds(30),
                    "PostgreSQL's processes are gone after kill -9",
                    () -> all.stream().noneMatch(ProcessHandle::isAlive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // releases zonky's lock on the data directory; its pg_ctl stop fails on the dead server, as expected:
        // that error and its stack trace are kept out of the output (logback comes with the test dependencies)
        var logger = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgres.class);
        var quiet = logger instanceof ch.qos.logback.classic.Logger l ? l : null;
        var level = quiet == null ? null : quiet.getLevel();
        try {
            if (quiet != null) {
                quiet.setLevel(ch.qos.logback.classic.Level.OFF);
            }
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (quiet != null) {
                quiet.setLevel(level);
            }
            pg = null;
        }
    }

    public synchronized boolean running() {
        return pg != null;
    }

    /** Creates a mailer's role and database as scripts/init-db.sql does, unless they exist. */
    public void createMailerDatabase(String database, String role, String password) {
        try (Connection c = connect("postgres", "postgres", "");
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'");
            if (!rs.next()) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database + " OWNER " + role + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    public Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, password);
    }

    @Override
    public void close() {
        stop();
    }
}
