package de.dockeragents.mailer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import de.dockeragents.mailer.ops.control.Migrations;

/**
 * A real PostgreSQL for the components' integration tests (zonky, unpacked under target/, a fresh data
 * directory each), migrated with the application's Flyway migrations, plus an EclipseLink persistence
 * unit on it for the tests that need one.
 */
public final class Database implements AutoCloseable {

    private static final AtomicLong UIDS = new AtomicLong(1);

    private final EmbeddedPostgres pg;
    private EntityManagerFactory emf;

    public Database() {
        try {
            File dir = new File("target/embedded-pg").getAbsoluteFile();
            dir.mkdirs();
            pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir)
                    .setDataDirectory(
                            new File(dir, "data-" + ProcessHandle.current().pid() + "-" + System.nanoTime()))
                    .setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Migrations.apply(dataSource());
    }

    public int port() {
        return pg.getPort();
    }

    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    /** An EntityManager of the test persistence unit; the unit is set up on the first call. */
    public synchronized EntityManager entityManager() {
        if (emf == null) {
            emf = Persistence.createEntityManagerFactory(
                    "mailer-test",
                    Map.of(
                            // its own file, so it never shadows the application's META-INF/persistence.xml on the test
                            // classpath
                            "eclipselink.persistencexml", "META-INF/persistence-test.xml",
                            "jakarta.persistence.jdbc.url", pg.getJdbcUrl("postgres", "postgres"),
                            "jakarta.persistence.jdbc.user", "postgres",
                            "jakarta.persistence.jdbc.password", "",
                            "jakarta.persistence.jdbc.driver", "org.postgresql.Driver"));
        }
        return emf.createEntityManager();
    }

    /** Inserts a stored mail and its raw header block; returns its id. */
    public long mail(String from, String subject, String body, String rawHeaders) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO mail_message (id, folder, uid_validity, uid, dedupe_key,"
                                + " status, from_addr, subject, text_body, message_id, size_bytes)"
                                + " VALUES (nextval('mail_message_seq'), 'INBOX', 1, nextval('mail_message_seq'), md5(random()::text),"
                                + " 'STORED', ?, ?, ?, '<m' || currval('mail_message_seq') || '@example.org>', 10) RETURNING id")) {
            ps.setString(1, from);
            ps.setString(2, subject);
            ps.setString(3, body);
            long id;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement raw = c.prepareStatement("INSERT INTO mail_raw (mail_id, raw) VALUES (?, ?)")) {
                raw.setLong(1, id);
                raw.setBytes(2, (rawHeaders + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                raw.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts a minimal stored mail received then, optionally with its raw message; returns its id. */
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
        try (Connection c = dataSource().getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String sql, Object... params) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws IOException {
        if (emf != null) {
            emf.close();
        }
        pg.close();
    }
}
