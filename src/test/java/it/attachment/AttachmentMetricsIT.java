package it.attachment;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.Waits;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;

import de.dockeragents.mailer.attachment.Samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attachment metrics in the server's real {@code /metrics} text, under exactly the names the
 * Grafana dashboard and the Prometheus rules query.
 */
class AttachmentMetricsIT {

    static AttachmentStore store;

    @BeforeAll
    static void stack() {
        store = new AttachmentStore(ItStack.get());
    }

    @Test
    void attachmentMetricsAreExportedUnderTheDashboardsNames() {
        String before = metrics();
        double stored = Http.metric(before, "attachments_total", "result=\"stored\"");
        double rejected = Http.metric(before, "attachments_total", "result=\"rejected\"");
        double infected = Http.metric(before, "attachments_total", "result=\"infected\"");
        double bytes = Http.metric(before, "attachment_bytes_total", "");
        double scans = Http.metric(before, "attachment_scan_seconds_count", "");

        String subject = Mails.unique("Metrik Anhang");
        byte[] pdf = Samples.pdf();
        long id = store.deliver(
                subject,
                new AttachmentMail(subject)
                        .attach("gut.pdf", "application/pdf", pdf)
                        .attach("falsch.pdf", "application/pdf", Samples.png())
                        .attach("boese.pdf", "application/pdf", Samples.eicar()));
        assertEquals(
                List.of("QUARANTINED", "REJECTED", "STORED"),
                store.rows(id).stream()
                        .map(r -> (String) r.get("outcome"))
                        .sorted()
                        .toList());

        String after = Waits.until(
                AttachmentStore.PROCESSED,
                "the counters moved",
                AttachmentMetricsIT::metrics,
                m -> Http.metric(m, "attachments_total", "result=\"infected\"") >= infected + 1);
        assertTrue(Http.metric(after, "attachments_total", "result=\"stored\"") >= stored + 1, after);
        assertTrue(Http.metric(after, "attachments_total", "result=\"rejected\"") >= rejected + 1, after);
        assertTrue(Http.metric(after, "attachment_bytes_total", "") >= bytes + pdf.length, after);
        assertTrue(Http.metric(after, "attachment_scan_seconds_count", "") >= scans + 3, after);
        assertTrue(Http.metric(after, "attachment_scan_seconds_sum", "") > 0, after);
        assertTrue(Http.metric(after, "quarantine_files", "") >= 1, after);

        // the exact series the dashboard and alert rules select, with MP Metrics' scope label
        Set<String> exported = after.lines()
                .filter(l -> !l.startsWith("#") && l.contains("{"))
                .map(AttachmentMetricsIT::series)
                .collect(Collectors.toSet());
        for (String series : List.of(
                "attachments_total{mp_scope=\"application\",result=\"stored\"}",
                "attachments_total{mp_scope=\"application\",result=\"rejected\"}",
                "attachments_total{mp_scope=\"application\",result=\"infected\"}",
                "attachments_total{mp_scope=\"application\",result=\"error\"}",
                "attachment_scan_seconds_count{mp_scope=\"application\"}",
                "attachment_scan_seconds_sum{mp_scope=\"application\"}",
                "attachment_scan_seconds{mp_scope=\"application\",quantile=\"0.99\"}",
                "attachment_bytes_total{mp_scope=\"application\"}",
                "quarantine_files{mp_scope=\"application\"}",
                "clamd_up{mp_scope=\"application\"}")) {
            assertTrue(exported.contains(series), "exported: " + series + "\n" + after);
        }
        assertTrue(after.contains("# TYPE attachments_total counter"), after);
        assertTrue(after.contains("# TYPE attachment_bytes_total counter"), after);
        assertTrue(after.contains("# TYPE quarantine_files gauge"), after);
        assertTrue(after.contains("# TYPE clamd_up gauge"), after);
        assertEquals(1.0, Http.metric(after, "clamd_up", ""));
    }

    /** {@code name{a="1",b="2",} 3.0} as {@code name{a="1",b="2"}}: the text format may end a label set with a comma. */
    private static String series(String line) {
        String key = line.substring(0, line.lastIndexOf('}') + 1);
        return key.replace(",}", "}");
    }

    private static String metrics() {
        return Http.get(store.stack.baseUrl() + "/metrics").body();
    }
}
