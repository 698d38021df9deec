package it.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the server while it works through the queue: afterwards every mail was delivered exactly once. */
class SendCrashIT {

    static DevStack stack;
    static Outbox outbox;
    static Db db;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        outbox = new Outbox(stack);
        db = new Db(stack);
    }

    @Test
    void killedDuringASendBatchEveryQueuedMailIsDeliveredExactlyOnce() {
        String tag = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 60;
        List<String> recipients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String to = tag + "-" + i + "@outbox.example";
            String id = Outbox.messageId(tag + "-" + i);
            recipients.add(to);
            ids.add(id);
            outbox.insert("PENDING", to, "Absturz " + tag + " #" + i, id, 0);
        }
        String like = tag + "-%";
        // batches of 5 a second: the queue takes ~12 s, so the kill lands in the middle of it
        // kill while a row is claimed, i.e. around an SMTP transaction, the moment that matters
        Waits.until(
                Duration.ofSeconds(60),
                "sending has begun and a mail is being sent",
                () -> db.count("select count(*) from outbound_mail where recipient like ? and status = 'SENT'", like)
                                >= 3
                        && db.count(
                                        "select count(*) from outbound_mail where recipient like ? and status = 'SENDING'",
                                        like)
                                > 0);
        stack.liberty().kill();
        long atKill = db.count("select count(*) from outbound_mail where recipient like ? and status = 'SENT'", like);
        long interrupted =
                db.count("select count(*) from outbound_mail where recipient like ? and status = 'SENDING'", like);
        System.out.println("killed with " + atKill + " of " + n + " sent, " + interrupted + " interrupted in SENDING");
        assertTrue(atKill < n, "killed in the middle (" + atKill + " of " + n + " sent)");

        stack.startMailer(ItStack.READY);
        // rows the kill left SENDING wait out their lease, then the Sent folder decides
        Waits.until(
                ItStack.OUTBOX_LEASE.plusSeconds(120),
                "every mail SENT after the restart",
                () -> db.count("select count(*) from outbound_mail where recipient like ? and status = 'SENT'", like)
                        == n);
        for (int i = 0; i < n; i++) {
            String to = recipients.get(i);
            String id = ids.get(i);
            Waits.until(
                    Duration.ofSeconds(30),
                    "mail " + i + " delivered",
                    () -> !outbox.delivered(to).isEmpty());
            assertEquals(1, outbox.delivered(to).size(), "mail " + i + " delivered exactly once");
            assertEquals(id, Outbox.header(outbox.delivered(to).get(0), "Message-ID"));
            assertEquals(1L, outbox.inSentFolder(id), "mail " + i + " accepted by the server exactly once");
        }
    }
}
