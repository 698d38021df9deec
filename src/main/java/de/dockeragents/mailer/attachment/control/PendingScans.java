package de.dockeragents.mailer.attachment.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.attachment.entity.ScanStatus;

/**
 * What the retry timer does: scan the attachments that waited for clamd, then catch up on stored
 * mail whose attachments were never extracted (a crash between the inbox's commit and the
 * extraction, or an earlier failure, also one the database's outage kept from being recorded). Stops a round as soon as clamd is unreachable again.
 */
public final class PendingScans {

    private static final Logger LOG = Logger.getLogger(PendingScans.class.getName());
    static final int BATCH = 100;
    static final int MAX_ATTEMPTS = 5;

    /** What one round did. */
    public record Round(int scanned, int stillPending, int mailsCaughtUp, List<Infection> infected) {}

    private final AttachmentRepository repository;
    private final Layout layout;
    private final Scanner scanner;
    private final AttachmentPipeline pipeline;
    private final AttachmentMetrics metrics;
    private final Duration grace;
    private final Duration staleClaim;

    public PendingScans(
            AttachmentRepository repository,
            Layout layout,
            Scanner scanner,
            AttachmentPipeline pipeline,
            AttachmentMetrics metrics,
            Duration grace,
            Duration staleClaim) {
        this.repository = repository;
        this.layout = layout;
        this.scanner = scanner;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.grace = grace;
        this.staleClaim = staleClaim;
    }

    public Round retry() throws SQLException, IOException {
        int scanned = 0;
        int waiting = 0;
        List<Infection> infected = new ArrayList<>();
        for (AttachmentRow row : repository.pending(BATCH)) {
            Path file = layout.file(Outcome.PENDING, row.path());
            if (file == null || !Files.exists(file)) {
                Admission lost = new Admission(Outcome.REJECTED, ScanStatus.ERROR, null, "pending file is missing");
                repository.rescanned(row.id(), lost, null);
                metrics.result("error");
                continue;
            }
            ScanResult scan = scanner.scan(file);
            if (scan.verdict() == ScanResult.Verdict.UNAVAILABLE) {
                repository.scanAttempted(row.id());
                waiting++;
                break;
            }
            Admission d = Admission.of(scan, row.reason());
            settle(row, d);
            if (d.status() == ScanStatus.INFECTED) {
                infected.add(new Infection(row.mailId(), row.id(), d.signature()));
            }
            scanned++;
        }
        int caughtUp = 0;
        if (waiting == 0) {
            pipeline.recordAbandoned();
            for (AttachmentRepository.Backlog b : repository.backlog(grace, staleClaim, MAX_ATTEMPTS, BATCH)) {
                byte[] raw = repository.raw(b.mailId());
                if (raw == null) {
                    continue;
                }
                AttachmentPipeline.Summary summary =
                        pipeline.process(b.mailId(), b.receivedAt(), new ByteArrayInputStream(raw));
                if (summary.ran()) {
                    caughtUp++;
                    infected.addAll(summary.infections());
                }
            }
        }
        int s = scanned, c = caughtUp;
        if (s > 0 || c > 0) {
            LOG.info(() -> "attachment retry: " + s + " pending scan(s) settled, " + c + " mail(s) caught up");
        }
        return new Round(scanned, waiting, caughtUp, infected);
    }

    private void settle(AttachmentRow row, Admission d) throws IOException, SQLException {
        String path = d.outcome() == Outcome.REJECTED ? null : row.path();
        layout.settle(row.path(), d.outcome());
        if (repository.rescanned(row.id(), d, path)) {
            metrics.result(d.metricResult());
            if (d.outcome() == Outcome.STORED && row.sizeBytes() != null) {
                metrics.stored(row.sizeBytes());
            }
            if (d.outcome() == Outcome.QUARANTINED) {
                metrics.quarantined(1);
                if (d.status() == ScanStatus.INFECTED) {
                    LOG.warning(() -> "attachment " + row.id() + " of mail " + row.mailId() + " is infected ("
                            + d.signature() + "): quarantined, not delivered");
                }
            }
        }
    }
}
