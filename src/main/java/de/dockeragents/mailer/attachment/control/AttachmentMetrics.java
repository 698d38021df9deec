package de.dockeragents.mailer.attachment.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The attachment metrics, named to match the dashboards: {@code attachments_total{result}},
 * {@code attachment_scan_seconds}, {@code attachment_bytes_total}, {@code quarantine_files},
 * {@code clamd_up}. The counts are also kept here, so tests and health data can read them
 * without a metrics runtime (the registry is null there).
 */
public final class AttachmentMetrics {

    public static final String[] RESULTS = {"stored", "rejected", "infected", "error"};

    private final MetricRegistry registry;
    private final Map<String, LongAdder> results = new ConcurrentHashMap<>();
    private final AtomicLong quarantineFiles = new AtomicLong();
    private final AtomicLong clamdUp = new AtomicLong();
    private final Timer scanTimer;
    private final Counter bytes;

    public AttachmentMetrics(MetricRegistry registry) {
        this.registry = registry;
        for (String r : RESULTS) {
            results.put(r, new LongAdder());
        }
        if (registry == null) {
            scanTimer = null;
            bytes = null;
            return;
        }
        for (String r : RESULTS) {
            resultCounter(r);
        }
        scanTimer = registry.timer(Metadata.builder()
                .withName("attachment_scan")
                .withDescription("Duration of one clamd INSTREAM scan")
                .withUnit(MetricUnits.SECONDS)
                .build());
        bytes = registry.counter(Metadata.builder()
                .withName("attachment_bytes")
                .withDescription("Bytes of attachments placed in permanent storage")
                .withUnit(MetricUnits.BYTES)
                .build());
        registry.gauge(
                Metadata.builder()
                        .withName("quarantine_files")
                        .withDescription("Files in the quarantine directory")
                        .build(),
                quarantineFiles,
                AtomicLong::get);
        registry.gauge(
                Metadata.builder()
                        .withName("clamd_up")
                        .withDescription("1 when the last contact with clamd succeeded, else 0")
                        .build(),
                clamdUp,
                AtomicLong::get);
    }

    public void result(String result) {
        if (result == null) {
            return;
        }
        results.computeIfAbsent(result, r -> new LongAdder()).increment();
        if (registry != null) {
            resultCounter(result).inc();
        }
    }

    public void stored(long size) {
        if (bytes != null) {
            bytes.inc(size);
        }
    }

    public void scanned(Duration took) {
        if (scanTimer != null) {
            scanTimer.update(took);
        }
    }

    public void clamdUp(boolean up) {
        clamdUp.set(up ? 1 : 0);
    }

    public void quarantined(long delta) {
        quarantineFiles.addAndGet(delta);
    }

    public void quarantineFiles(long count) {
        quarantineFiles.set(count);
    }

    public long count(String result) {
        LongAdder a = results.get(result);
        return a == null ? 0 : a.sum();
    }

    public long quarantineFiles() {
        return quarantineFiles.get();
    }

    public boolean clamdUp() {
        return clamdUp.get() == 1;
    }

    private Counter resultCounter(String result) {
        return registry.counter(
                Metadata.builder()
                        .withName("attachments")
                        .withDescription("Attachments by final result: stored, rejected, infected, error")
                        .build(),
                new Tag("result", result));
    }
}
