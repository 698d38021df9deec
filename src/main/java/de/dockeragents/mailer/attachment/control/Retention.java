package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;

/**
 * The daily cleanup: local copies of stored attachments past the local retention (when an archive
 * is configured, only those already archived), quarantined files past theirs, and work files an
 * interrupted run left in the staging directory. Each removal is recorded in {@code removed_at}.
 */
public final class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    static final int BATCH = 1000;
    static final Duration STAGING_AGE = Duration.ofDays(1);

    /** What one cleanup removed, and how many expired files wait for the archive first. */
    public record Report(int stored, int quarantined, int staging, int waitingForArchive) {}

    private final AttachmentRepository repository;
    private final Layout layout;
    private final AttachmentMetrics metrics;
    private final Duration retention;
    private final Duration quarantineRetention;
    private final boolean archiveFirst;

    public Retention(
            AttachmentRepository repository,
            Layout layout,
            AttachmentMetrics metrics,
            Duration retention,
            Duration quarantineRetention,
            boolean archiveFirst) {
        this.repository = repository;
        this.layout = layout;
        this.metrics = metrics;
        this.retention = retention;
        this.quarantineRetention = quarantineRetention;
        this.archiveFirst = archiveFirst;
    }

    public Report clean(OffsetDateTime now) throws SQLException, IOException {
        OffsetDateTime storedCutoff = now.minus(retention);
        int stored = removeAll(() -> repository.expiredStored(storedCutoff, archiveFirst, BATCH), Outcome.STORED);
        int quarantined = removeAll(
                () -> repository.expiredQuarantine(now.minus(quarantineRetention), BATCH), Outcome.QUARANTINED);
        metrics.quarantined(-quarantined);
        int staging = sweepStaging(now.minus(STAGING_AGE));
        int waiting = archiveFirst ? repository.unarchivedExpired(storedCutoff) : 0;
        Report r = new Report(stored, quarantined, staging, waiting);
        LOG.info(() -> "attachment cleanup removed " + r.stored() + " stored file(s), " + r.quarantined()
                + " quarantined file(s), " + r.staging() + " work file(s)"
                + (r.waitingForArchive() > 0
                        ? "; " + r.waitingForArchive() + " expired file(s) kept until archived"
                        : ""));
        return r;
    }

    private interface Batch {
        List<AttachmentRow> next() throws SQLException;
    }

    private int removeAll(Batch batch, Outcome outcome) throws SQLException, IOException {
        int removed = 0;
        for (List<AttachmentRow> rows = batch.next(); !rows.isEmpty(); rows = batch.next()) {
            for (AttachmentRow row : rows) {
                if (row.path() != null) {
                    layout.remove(outcome, row.path());
                }
                repository.removed(row.id());
                removed++;
            }
        }
        return removed;
    }

    private int sweepStaging(OffsetDateTime cutoff) throws IOException {
        Path staging = layout.staging();
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        FileTime limit = FileTime.from(cutoff.toInstant());
        int removed = 0;
        try (Stream<Path> files = Files.list(staging)) {
            for (Path p : files.toList()) {
                if (Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).compareTo(limit) < 0
                        && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
