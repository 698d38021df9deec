package dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import de.dockeragents.mailer.ops.control.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (zonky's embedded binaries) with the application's migrations applied.
 * Unpacks and keeps its data under {@code target/}, not in the system temp directory.
 */
public final class TestDatabase implements AutoCloseable {

    private static final AtomicLong UIDS = new AtomicLong(1);

    private final EmbeddedPostgres postgres;

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestDatabase start(String name) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path work = Files.createDirectories(target.resolve("zonky"));
        Path data = target.resolve("zonky-data").resolve(name + "-" + ProcessHandle.current().pid());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .start();
        TestDatabase db = new TestDatabase(pg);
        Migrations.apply(db.dataSource());
        return db;
    }

    public int port() {
        return postgres.getPort();
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Inserts a minimal stored mail, optionally with its raw message; returns its id. */
    public long insertMail(OffsetDateTime received, byte[] raw, int attachmentCount) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mail_message (id, folder, uid_validity, uid,"
                    + " dedupe_key, status, size_bytes, received_at, attachment_count, created_at)"
                    + " VALUES (nextval('mail_message_seq'), 'INBOX', 1, ?, ?, 'STORED', ?, ?, ?, ?) RETURNING id")) {
                long uid = UIDS.getAndIncrement();
                s.setLong(1, uid);
                s.setString(2, "test:" + uid + ":" + System.nanoTime());
                s.setLong(3, raw == null ? 0 : raw.length);
                s.setObject(4, received);
                s.setInt(5, attachmentCount);
                s.setObject(6, received);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            if (raw != null) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO mail_raw (mail_id, raw) VALUES (?, ?)")) {
                    s.setLong(1, id);
                    s.setBytes(2, raw);
                    s.executeUpdate();
                }
            }
            return id;
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
