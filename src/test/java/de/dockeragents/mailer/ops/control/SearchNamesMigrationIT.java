package de.dockeragents.mailer.ops.control;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The upgrade to V25 on a database that already holds mail: the names of attachments read before it
 * go onto their mails' rows and into the recomputed search document, mail without attachments keeps
 * none, and text, subject and sender are found as before.
 */
class SearchNamesMigrationIT {

    static EmbeddedPostgres pg;
    static DataSource ds;

    @BeforeAll
    static void upgrade() throws Exception {
        File dir = new File("target/embedded-pg").getAbsoluteFile();
        dir.mkdirs();
        pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir)
                .setDataDirectory(new File(dir, "v25-" + ProcessHandle.current().pid() + "-" + System.nanoTime()))
                .setCleanDataDirectory(true)
                .start();
        ds = pg.getPostgresDatabase();
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration")
                .callbackLocations(new String[0])
                .target("24")
                .load()
                .migrate();
        sql("INSERT INTO mail_message (id, folder, uid_validity, uid, dedupe_key, status, from_addr, subject,"
                + " text_body, size_bytes, attachment_count) VALUES"
                + " (1, 'INBOX', 1, 1, 'a', 'STORED', 'Erika Muster <erika@patient.example>', 'Unterlagen',"
                + " 'Anbei die Straße und der Befund.', 10, 2),"
                + " (2, 'INBOX', 1, 2, 'b', 'STORED', 'shop@kunde.example', 'Bestellung', 'Lieferung morgen', 10, 0)");
        sql("INSERT INTO attachment (mail_id, part_path, original_name, file_name, outcome, virus_scan_status,"
                + " received_at) VALUES (1, '2', 'Überweisungsschein.pdf', 'Uberweisungsschein.pdf', 'STORED',"
                + " 'clean', now()), (1, '3', NULL, 'Laborbericht_11.pdf', 'QUARANTINED', 'infected', now())");
        Migrations.apply(ds);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theNamesOfAttachmentsReadBeforeTheUpgradeAreFound() throws SQLException {
        assertEquals(
                List.of("Überweisungsschein.pdf\nLaborbericht_11.pdf"),
                strings("SELECT attachment_names" + " FROM mail_message WHERE id = 1"));
        assertEquals(List.of("1"), found("ueberweisungsschein"));
        assertEquals(List.of("1"), found("laborbericht"));
        assertEquals(List.of(), found("pdf"));
        assertNull(strings("SELECT attachment_names FROM mail_message WHERE id = 2")
                .get(0));
    }

    @Test
    void theRewrittenTableIsVacuumedAndAnalysedOutsideATransaction() throws SQLException {
        assertEquals(
                List.of("t"),
                strings("SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL FROM pg_stat_user_tables"
                        + " WHERE relname = 'mail_message'"));
    }

    @Test
    void subjectTextAndSenderAreFoundAsBefore() throws SQLException {
        assertEquals(List.of("1"), found("strasse befund"));
        assertEquals(List.of("1"), found("erika@patient.example"));
        assertEquals(List.of("2"), found("Bestellung"));
        assertEquals(List.of("2"), found("kunde"));
    }

    private static List<String> found(String words) throws SQLException {
        try (Connection c = ds.getConnection();
                var s = c.prepareStatement(
                        "SELECT id::text FROM mail_message WHERE search_doc @@ mail_search_query(?) ORDER BY id")) {
            s.setString(1, words);
            return read(s.executeQuery());
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            return read(s.executeQuery(sql));
        }
    }

    private static List<String> read(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void sql(String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
