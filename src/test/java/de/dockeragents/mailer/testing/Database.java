package de.dockeragents.mailer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import de.dockeragents.mailer.ops.control.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

/**
 * A real PostgreSQL for integration tests (zonky, unpacked under target/), migrated with the
 * application's Flyway migrations, plus an EclipseLink persistence unit on it.
 */
public final class Database implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final EntityManagerFactory emf;

    public Database() {
        try {
            File dir = new File("target/embedded-pg").getAbsoluteFile();
            dir.mkdirs();
            pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir).setDataDirectory(new File(dir,
                    "data-" + ProcessHandle.current().pid() + "-" + System.nanoTime())).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Migrations.apply(dataSource());
        emf = Persistence.createEntityManagerFactory("mailer-test", Map.of(
                // its own file, so it never shadows the application's META-INF/persistence.xml on the test classpath
                "eclipselink.persistencexml", "META-INF/persistence-test.xml",
                "jakarta.persistence.jdbc.url", pg.getJdbcUrl("postgres", "postgres"),
                "jakarta.persistence.jdbc.user", "postgres",
                "jakarta.persistence.jdbc.password", "",
                "jakarta.persistence.jdbc.driver", "org.postgresql.Driver"));
    }

    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    public EntityManager entityManager() {
        return emf.createEntityManager();
    }

    /** Inserts a stored mail and its raw header block; returns its id. */
    public long mail(String from, String subject, String body, String rawHeaders) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO mail_message (id, folder, uid_validity, uid, dedupe_key,"
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

    public long count(String sql, Object... params) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws IOException {
        emf.close();
        pg.close();
    }
}
