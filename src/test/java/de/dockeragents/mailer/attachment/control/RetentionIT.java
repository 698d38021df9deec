package de.dockeragents.mailer.attachment.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.LocalClamd;

import de.dockeragents.mailer.attachment.Mails;
import de.dockeragents.mailer.attachment.Samples;
import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.testing.Database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily cleanup against real files and PostgreSQL. */
class RetentionIT {

    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 10, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    static Path dir;

    static LocalClamd clamd;
    static Database db;
    static Attachments attachments;
    static AttachmentRepository repository;

    @BeforeAll
    static void start() throws IOException {
        clamd = LocalClamd.start(dir.resolve("clamd"), 50L * 1024 * 1024);
        db = new Database();
        attachments = new Attachments(
                AttachmentPipelineIT.settings(dir, clamd.port()), db.dataSource(), new AttachmentMetrics(null));
        repository = new AttachmentRepository(db.dataSource());
    }

    @AfterAll
    static void stop() throws IOException {
        clamd.close();
        db.close();
    }

    @Test
    void expiredStoredAndQuarantinedFilesAreRemovedAndRecorded() throws Exception {
        long oldMail = mail(Mails.with()
                .attachment("alt.pdf", "application/pdf", Samples.pdf())
                .attachment("virus.pdf", "application/pdf", Samples.eicar()));
        long newMail = mail(Mails.with().attachment("neu.pdf", "application/pdf", Samples.pdf()));
        db.execute(
                "UPDATE attachment SET stored_at = now() - interval '31 days', scanned_at = now() - interval '31 days'"
                        + " WHERE mail_id = " + oldMail);
        Path staleWork = Files.writeString(attachments.layout().staging().resolve("part-stale.bin"), "left over");
        Files.setLastModifiedTime(
                staleWork, FileTime.from(OffsetDateTime.now().minusDays(2).toInstant()));
        Path freshWork = Files.writeString(attachments.layout().staging().resolve("part-fresh.bin"), "in use");
        long quarantinedBefore = attachments.metrics().quarantineFiles();

        Retention.Report report = attachments.retention().clean(OffsetDateTime.now());

        // at least: the other test's expired files may be in the same database
        assertTrue(report.stored() >= 1);
        assertTrue(report.quarantined() >= 1);
        assertEquals(1, report.staging());
        List<AttachmentRow> old = repository.ofMail(oldMail);
        assertFalse(Files.exists(dir.resolve("attachments").resolve(old.get(0).path())));
        assertFalse(Files.exists(dir.resolve("quarantine").resolve(old.get(1).path())));
        assertFalse(Files.exists(dir.resolve("attachments/2026/10/" + oldMail)), "empty mail directory removed");
        assertNotNull(removedAt(old.get(0).id()));
        assertNotNull(removedAt(old.get(1).id()));
        AttachmentRow fresh = repository.ofMail(newMail).get(0);
        assertTrue(Files.exists(dir.resolve("attachments").resolve(fresh.path())));
        assertEquals(null, removedAt(fresh.id()));
        assertFalse(Files.exists(staleWork));
        assertTrue(Files.exists(freshWork));
        assertEquals(
                quarantinedBefore - report.quarantined(), attachments.metrics().quarantineFiles());

        Retention.Report again = attachments.retention().clean(OffsetDateTime.now());
        assertEquals(0, again.stored() + again.quarantined());
    }

    @Test
    void withAnArchiveOnlyArchivedFilesAreRemoved() throws Exception {
        Retention archiveFirst = new Retention(
                repository,
                attachments.layout(),
                attachments.metrics(),
                Duration.ofDays(30),
                Duration.ofDays(30),
                true);
        long mail = mail(Mails.with()
                .attachment("a.pdf", "application/pdf", Samples.pdf())
                .attachment("b.pdf", "application/pdf", Samples.pdf()));
        db.execute("UPDATE attachment SET stored_at = now() - interval '40 days' WHERE mail_id = " + mail);
        List<AttachmentRow> rows = repository.ofMail(mail);
        repository.archived(rows.get(0).id(), rows.get(0).path());

        Retention.Report report = archiveFirst.clean(OffsetDateTime.now());

        assertEquals(1, report.stored());
        assertTrue(report.waitingForArchive() >= 1);
        assertFalse(Files.exists(dir.resolve("attachments").resolve(rows.get(0).path())));
        assertTrue(Files.exists(dir.resolve("attachments").resolve(rows.get(1).path())), "not archived yet: kept");
    }

    private static long mail(Mails mail) throws Exception {
        byte[] raw = mail.build();
        long id = db.insertMail(RECEIVED, raw, 2);
        AttachmentPipeline.Summary s = attachments.pipeline().process(id, RECEIVED, new ByteArrayInputStream(raw));
        assertTrue(s.rows().stream().noneMatch(r -> r.outcome() == Outcome.PENDING));
        return id;
    }

    private static OffsetDateTime removedAt(long id) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT removed_at FROM attachment WHERE id = " + id)) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }
}
