package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.mail.MessagingException;

import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.attachment.entity.ScanStatus;

/**
 * The attachments of one stored mail: extract each to a work file, judge its type, scan it, and
 * place it (storage, pending, quarantine) or drop it; then write all rows at once. A run that
 * fails leaves no rows and no files, and the mail is marked for another try; the mail itself is
 * never touched. Logs name mails and attachments by id, never by file name or address.
 */
public final class AttachmentPipeline {

    private static final Logger LOG = Logger.getLogger(AttachmentPipeline.class.getName());

    /** What one run did. {@code ran} is false when another run holds or finished the mail. */
    public record Summary(long mailId, boolean ran, List<AttachmentRow> rows, String error) {

        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        public List<Infection> infections() {
            return rows.stream()
                    .filter(r -> r.scanStatus() == ScanStatus.INFECTED)
                    .map(r -> new Infection(r.mailId(), r.id(), r.signature()))
                    .toList();
        }
    }

    private final AttachmentRepository repository;
    private final Layout layout;
    private final MimeAttachments extractor;
    private final TypeDetector detector;
    private final TypeCheck typeCheck;
    private final Scanner scanner;
    private final AttachmentMetrics metrics;
    private final Duration staleClaim;
    /** Claims this process gave up but could not mark FAILED (the database was away): mail id, error. */
    private final Map<Long, String> unrecorded = new ConcurrentHashMap<>();

    public AttachmentPipeline(
            AttachmentRepository repository,
            Layout layout,
            MimeAttachments extractor,
            TypeDetector detector,
            TypeCheck typeCheck,
            Scanner scanner,
            AttachmentMetrics metrics,
            Duration staleClaim) {
        this.repository = repository;
        this.layout = layout;
        this.extractor = extractor;
        this.detector = detector;
        this.typeCheck = typeCheck;
        this.scanner = scanner;
        this.metrics = metrics;
        this.staleClaim = staleClaim;
    }

    public Summary process(long mailId, OffsetDateTime received, InputStream raw) throws SQLException {
        if (!repository.claim(mailId, staleClaim)) {
            return new Summary(mailId, false, List.of(), null);
        }
        Path spool = null;
        try {
            layout.clear(received, mailId);
            spool = layout.spool(raw);
            List<AttachmentRow> rows = extract(mailId, received, spool);
            List<AttachmentRow> saved = repository.finish(mailId, rows);
            saved.forEach(this::count);
            log(mailId, saved);
            return new Summary(mailId, true, saved, null);
        } catch (IOException | MessagingException | SQLException | RuntimeException e) {
            return failed(mailId, received, e);
        } finally {
            if (spool != null) {
                deleteQuietly(spool);
            }
        }
    }

    /**
     * Jakarta Mail's walk first. A structure it refuses (a missing start boundary, say) is walked again
     * leniently from a clean slate: the files the first walk placed are removed, its rows dropped.
     */
    private List<AttachmentRow> extract(long mailId, OffsetDateTime received, Path spool)
            throws IOException, MessagingException {
        try {
            List<AttachmentRow> rows = new ArrayList<>();
            Run run = new Run();
            extractor.each(spool, found -> rows.add(handle(mailId, received, found, run)));
            return rows;
        } catch (MessagingException malformed) {
            layout.clear(received, mailId);
            List<AttachmentRow> rows = new ArrayList<>();
            Run run = new Run();
            extractor.eachLeniently(spool, found -> rows.add(handle(mailId, received, found, run)));
            return rows;
        }
    }

    /**
     * The state of one mail's run: the names taken, and whether clamd failed already. This runs in
     * the inbox's poll; a clamd that accepts but never answers would otherwise cost a read timeout
     * per attachment (50 attachments, 25 minutes), so after one miss the rest wait as pending.
     */
    private static final class Run {
        final NameBook names = new NameBook();
        boolean clamdAway;
    }

    private AttachmentRow handle(long mailId, OffsetDateTime received, MimeAttachments.Found found, Run run)
            throws IOException {
        NameBook names = run.names;
        String original = FileNames.display(found.rawName());
        String safe = FileNames.safe(found.rawName());
        if (found.file() == null) {
            return new AttachmentRow(
                    null,
                    mailId,
                    found.partPath(),
                    original,
                    names.claim(safe),
                    found.declaredType(),
                    null,
                    found.size(),
                    null,
                    Outcome.REJECTED,
                    found.problem(),
                    ScanStatus.SKIPPED,
                    null,
                    0,
                    null,
                    null,
                    received);
        }
        String detected = detector.detect(found.file());
        TypeCheck.Judgement type = typeCheck.judge(detected, safe);
        String name = names.claim(type.fileName());
        ScanResult scan = run.clamdAway
                ? ScanResult.unavailable("clamd did not answer for an earlier attachment")
                : scanner.scan(found.file());
        run.clamdAway |= scan.verdict() == ScanResult.Verdict.UNAVAILABLE;
        Admission d = Admission.of(scan, type.reason());
        String path = d.outcome() == Outcome.REJECTED ? null : Layout.relative(received, mailId, name);
        if (path != null) {
            layout.place(found.file(), d.outcome(), path);
        }
        boolean scanned = scan.verdict() != ScanResult.Verdict.UNAVAILABLE;
        return new AttachmentRow(
                null,
                mailId,
                found.partPath(),
                original,
                name,
                found.declaredType(),
                detected,
                found.size(),
                found.sha256(),
                d.outcome(),
                d.reason(),
                d.status(),
                d.signature(),
                1,
                scanned ? OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS) : null,
                path,
                received);
    }

    private void count(AttachmentRow row) {
        metrics.result(Admission.metricResult(row.outcome(), row.scanStatus()));
        if (row.outcome() == Outcome.STORED && row.sizeBytes() != null) {
            metrics.stored(row.sizeBytes());
        }
        if (row.outcome() == Outcome.QUARANTINED) {
            metrics.quarantined(1);
        }
    }

    private Summary failed(long mailId, OffsetDateTime received, Exception e) {
        String what =
                e.getClass().getSimpleName() + (e instanceof SQLException s ? " SQLSTATE " + s.getSQLState() : "");
        LOG.warning(() -> "attachments of mail " + mailId + " could not be processed (" + what
                + "); the mail is kept and the attachments will be tried again");
        try {
            layout.clear(received, mailId);
        } catch (IOException | RuntimeException ignored) {
            // the next run clears it before it starts
        }
        try {
            repository.failed(mailId, what);
        } catch (SQLException ignored) {
            // recorded by the next retry round; only a crashed process leaves its claim to go stale
            unrecorded.put(mailId, what);
        }
        metrics.result("error");
        return new Summary(mailId, true, List.of(), what);
    }

    /**
     * Marks FAILED the claims this process had to give up while the database was away, so the retry
     * round takes them again now instead of after the stale-claim time; returns how many it recorded.
     */
    public int recordAbandoned() throws SQLException {
        int n = 0;
        for (var e : Map.copyOf(unrecorded).entrySet()) {
            repository.failed(e.getKey(), e.getValue());
            unrecorded.remove(e.getKey());
            n++;
        }
        return n;
    }

    private static void log(long mailId, List<AttachmentRow> rows) {
        for (AttachmentRow r : rows) {
            if (r.scanStatus() == ScanStatus.INFECTED) {
                LOG.warning(() -> "attachment " + r.id() + " of mail " + mailId + " is infected (" + r.signature()
                        + "): quarantined, not delivered");
            } else if (r.outcome() != Outcome.STORED) {
                LOG.info(() -> "attachment " + r.id() + " of mail " + mailId + ": " + r.outcome()
                        + (r.reason() == null ? "" : " (" + r.reason() + ")"));
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // the staging directory is swept by the cleanup
        }
    }
}
