package it.attachment;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.LocalClamd;
import dev.Waits;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;

import de.dockeragents.mailer.attachment.Samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * clamd goes away while mail keeps arriving: nothing is stored unscanned, readiness turns red on
 * the {@code clamd} check, and once clamd is back the retry timer settles what waited.
 */
class ClamdOutageIT {

    static AttachmentStore store;

    @BeforeAll
    static void stack() {
        store = new AttachmentStore(ItStack.get());
    }

    @AfterAll
    static void clamdBack() throws IOException {
        // other test classes share this clamd: never leave it stopped
        if (!store.stack.clamd().client(Duration.ofSeconds(1)).ping()) {
            store.stack.clamd().restart();
        }
    }

    @Test
    void whileClamdIsDownAttachmentsWaitAsPendingAndTheRetryTimerSettlesThemOnceItIsBack() throws IOException {
        LocalClamd clamd = store.stack.clamd();
        clamd.stop();
        Waits.until(
                AttachmentStore.PROCESSED,
                "readiness reports clamd DOWN",
                () -> "DOWN".equals(clamdCheck().getString("status", "")));
        assertEquals(503, Http.get(store.stack.baseUrl() + "/health/ready").status());

        String subject = Mails.unique("Befund waehrend Ausfall");
        byte[] pdf = Samples.pdf();
        long id = store.deliver(
                subject,
                new AttachmentMail(subject)
                        .attach("befund.pdf", "application/pdf", pdf)
                        .attach("anhang.pdf", "application/pdf", Samples.eicar()));
        String dir = store.mailDir(id);

        assertEquals("STORED", store.mail(id).get("status"), "mail keeps flowing without clamd");
        List<Map<String, Object>> pending = store.rows(id);
        assertEquals(2, pending.size(), pending.toString());
        for (Map<String, Object> row : pending) {
            assertEquals("PENDING", row.get("outcome"), row.toString());
            assertEquals("pending", row.get("virus_scan_status"), row.toString());
            assertNull(row.get("scanned_at"), "never treated as scanned: " + row);
        }
        assertEquals(List.of(), AttachmentStore.files(store.root.resolve(dir)), "nothing unscanned in storage");
        assertEquals(List.of(), AttachmentStore.files(store.quarantine.resolve(dir)));
        assertEquals(
                List.of("anhang.pdf", "befund.pdf"),
                AttachmentStore.files(store.root.resolve(".pending").resolve(dir)));
        String metrics = Http.get(store.stack.baseUrl() + "/metrics").body();
        assertEquals(0.0, Http.metric(metrics, "clamd_up", ""), "clamd_up while it is down");
        JsonObject down = clamdCheck();
        assertEquals("127.0.0.1:" + clamd.port(), down.getJsonObject("data").getString("endpoint"));

        clamd.restart();

        Waits.until(
                AttachmentStore.PROCESSED,
                "the retry timer settles both pending attachments",
                () -> store.rows(id),
                rows -> rows.stream().noneMatch(r -> "PENDING".equals(r.get("outcome"))));
        Map<String, Object> clean = store.rows(id).get(0);
        assertEquals("befund.pdf", clean.get("file_name"));
        assertEquals("STORED", clean.get("outcome"));
        assertEquals("clean", clean.get("virus_scan_status"));
        assertTrue(((Number) clean.get("scan_attempts")).intValue() >= 2, "scanned again: " + clean);
        Path stored = store.root.resolve(dir + "/befund.pdf");
        assertEquals(AttachmentStore.sha256(pdf), AttachmentStore.sha256(stored));
        assertEquals(clean.get("sha256"), AttachmentStore.sha256(stored));

        Map<String, Object> infected = store.rows(id).get(1);
        assertEquals("QUARANTINED", infected.get("outcome"));
        assertEquals("infected", infected.get("virus_scan_status"));
        assertTrue(((String) infected.get("signature")).startsWith(LocalClamd.SIGNATURE));
        assertTrue(Files.isRegularFile(store.quarantine.resolve(dir + "/anhang.pdf")));
        assertEquals(
                List.of(dir + "/befund.pdf"),
                AttachmentStore.files(store.root).stream()
                        .filter(f -> f.startsWith(dir + "/"))
                        .toList());
        assertFalse(Files.exists(store.root.resolve(".pending").resolve(dir)), "the pending area is emptied");

        Waits.until(
                AttachmentStore.PROCESSED,
                "readiness reports clamd UP again",
                () -> "UP".equals(clamdCheck().getString("status", "")));
        Waits.until(
                AttachmentStore.PROCESSED,
                "clamd_up is 1 again",
                () -> Http.metric(Http.get(store.stack.baseUrl() + "/metrics").body(), "clamd_up", "") == 1.0);

        // the infection found by the retry round was announced too: one alert line, ids only
        Waits.until(
                AttachmentStore.PROCESSED,
                "the alert line for attachment " + infected.get("id"),
                () -> store.messagesLog()
                        .contains("attachment.infected: attachment " + infected.get("id") + " of mail " + id));
    }

    /** The {@code clamd} entry of {@code /health/ready}, whatever the overall status. */
    static JsonObject clamdCheck() {
        Http.Response r = Http.get(store.stack.baseUrl() + "/health/ready");
        if (r.status() != 200 && r.status() != 503) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObject health = Json.createReader(new StringReader(r.body())).readObject();
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "clamd".equals(c.getString("name")))
                .findFirst()
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
    }
}
