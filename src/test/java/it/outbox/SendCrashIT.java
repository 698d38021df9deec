package it.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
        // batches of 5 a second: the queue takes ~12 s, so the kill lands in the middle of it.
        // It must land while a row is claimed, around its SMTP transaction, the moment that matters.
        // A claim lasts milliseconds, so looking every 100 ms can miss every one of them: the look
        // here repeats without a pause and, once it sees a claimed row, locks it, so the sender
        // cannot record the outcome before the kill.
        long held = killWhileARowIsBeingSent(like, Duration.ofSeconds(60));
        long atKill = db.count("select count(*) from outbound_mail where recipient like ? and status = 'SENT'", like);
        long interrupted =
                db.count("select count(*) from outbound_mail where recipient like ? and status = 'SENDING'", like);
        System.out.println("killed with " + atKill + " of " + n + " sent, " + interrupted
                + " interrupted in SENDING (row " + held + " among them)");
        assertTrue(atKill < n, "killed in the middle (" + atKill + " of " + n + " sent)");
        assertTrue(interrupted > 0, "a row was in its SMTP transaction at the kill");

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

    /** Kills the server while it holds a claimed row of this test, after three rows went out; the row's id. */
    private static long killWhileARowIsBeingSent(String like, Duration within) {
        Instant deadline = Instant.now().plus(within);
        try (Connection c = stack.postgres()
                        .connect(DevStack.ACCOUNT.dbName(), DevStack.ACCOUNT.dbUser(), DevStack.ACCOUNT.dbPassword());
                PreparedStatement look = c.prepareStatement("select id from outbound_mail where recipient like ?"
                        + " and status = 'SENDING' and (select count(*) from outbound_mail"
                        + " where recipient like ? and status = 'SENT') >= 3 limit 1 for update skip locked")) {
            c.setAutoCommit(false);
            look.setString(1, like);
            look.setString(2, like);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = look.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        stack.liberty().kill();
                        c.rollback();
                        return id;
                    }
                }
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("not within " + within + ": sending has begun and a mail is being sent");
    }
}
