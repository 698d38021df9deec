package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A clamd scan with its metrics: how long it took, and whether clamd is up. */
public final class Scanner {

    private final ClamdClient clamd;
    private final AttachmentMetrics metrics;

    public Scanner(ClamdClient clamd, AttachmentMetrics metrics) {
        this.clamd = clamd;
        this.metrics = metrics;
    }

    /** Never throws for clamd trouble: that is {@code UNAVAILABLE}. Throws only when the file cannot be read. */
    public ScanResult scan(Path file) throws IOException {
        long start = System.nanoTime();
        try {
            ScanResult result = clamd.scan(file);
            metrics.clamdUp(true);
            metrics.scanned(Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (ClamdUnavailable e) {
            metrics.clamdUp(false);
            return ScanResult.unavailable(e.getMessage());
        }
    }

    public boolean ping() {
        boolean up = clamd.ping();
        metrics.clamdUp(up);
        return up;
    }

    public ClamdClient clamd() {
        return clamd;
    }
}
