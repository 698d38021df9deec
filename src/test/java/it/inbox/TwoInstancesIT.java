package it.inbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of one mailer on one database and one mailbox (docs/scaling.md): the build's Liberty server
 * twice, with a lease time of 6 s. One holds the folder's lease and reads it, the other stands by; in the middle
 * of a stream of mail the holder is killed with kill -9, the standby takes over, and in the end every mail is
 * stored once and answered once (each reply received once by its sender). Prints the takeover time. Before
 * that, a page login made on one instance is used on the other.
 */
class TwoInstancesIT {

    static final int MAILS = 45;
    static final Duration TTL = Duration.ofSeconds(6);
    /** What the model says of every mail here: a repeat prescription, which praxis answers with a template. */
    static final String PRESCRIPTION = "{\"category\":\"prescription\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Folgerezept erbeten\",\"needs_reply\":true,\"confidence\":0.9}";

    static final MailerAccount ACCOUNT = new MailerAccount(
            "praxis",
            "zwillinge@mailer.test",
            "zwillinge",
            "zwillinge-dev-password",
            "zwillinge",
            "zwillinge_mailer",
            "zwillinge-dev-db-password");
    private static final Pattern HELD = Pattern.compile("\"folder:INBOX\"\\s*:\\s*\"held\"");
    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void theStandbyTakesOverFromAKilledHolderAndEveryMailIsStoredAndAnsweredOnce() throws Exception {
        DevStack stack = ItStack.get();
        try (OllamaStandIn model = new OllamaStandIn()) {
            model.answer(PRESCRIPTION);
            SecondMailer a = twin(stack, model, "a");
            SecondMailer b = twin(stack, model, "b");
            try (a;
                    b) {
                a.liberty().start();
                b.start(ItStack.READY);
                a.awaitReady(ItStack.READY);

                SecondMailer holder = Waits.until(
                        Duration.ofSeconds(30),
                        "one instance holds the folder's lease",
                        () -> holder(a, b),
                        h -> h != null);
                SecondMailer standby = holder == a ? b : a;
                assertTrue(!holds(standby), "only one instance holds the lease");
                aPageLoginHoldsOnBothInstances(holder, standby);

                Db db = a.db();
                String run = UUID.randomUUID().toString().substring(0, 8);
                List<String> ids = new ArrayList<>();
                Map<String, String> senders = new HashMap<>();
                int firstPart = MAILS / 3;
                for (int i = 0; i < firstPart; i++) {
                    send(stack, run, i, ids, senders);
                }
                Waits.until(Duration.ofSeconds(60), "a part of the first mails is stored", () -> stored(db, run) >= 5);

                long killed = System.nanoTime();
                holder.liberty().kill();
                for (int i = firstPart; i < firstPart + 5; i++) {
                    send(stack, run, i, ids, senders);
                }
                Waits.until(Duration.ofSeconds(60), "the standby takes the lease over", () -> holds(standby));
                double takeover = (System.nanoTime() - killed) / 1e9;
                for (int i = firstPart + 5; i < MAILS; i++) {
                    send(stack, run, i, ids, senders);
                }

                Waits.until(Duration.ofMinutes(3), "every mail is stored", () -> stored(db, run) >= MAILS);
                Waits.until(
                        Duration.ofMinutes(3),
                        "every mail is answered and its reply received",
                        () -> received(stack, senders).values().stream()
                                        .filter(n -> n >= 1)
                                        .count()
                                == MAILS);
                double complete = (System.nanoTime() - killed) / 1e9;
                System.out.printf(
                        "TwoInstancesIT: lease time %ds; kill -9 of the holder to the standby holding the lease: %.1f s;"
                                + " to all %d mails stored and answered: %.1f s%n",
                        TTL.toSeconds(), takeover, MAILS, complete);

                assertEquals(MAILS, stored(db, run), "0 lost, 0 stored twice");
                assertEquals(
                        0,
                        db.count(
                                "SELECT count(*) FROM (SELECT message_id FROM mail_message WHERE subject LIKE ?"
                                        + " GROUP BY message_id HAVING count(*) > 1) d",
                                "%" + run + "%"));
                assertEquals(
                        MAILS,
                        db.count(
                                "SELECT count(*) FROM outbound_mail o JOIN mail_message m ON m.id = o.mail_id"
                                        + " WHERE m.subject LIKE ?",
                                "%" + run + "%"),
                        "one reply each in the queue");
                // a reply in flight at the kill may still go out: wait for the survivor's outbox to settle
                Waits.until(
                        Duration.ofSeconds(60),
                        "every queued reply is SENT",
                        () -> db.count(
                                        "SELECT count(*) FROM outbound_mail o JOIN mail_message m ON m.id = o.mail_id"
                                                + " WHERE m.subject LIKE ? AND o.status = 'SENT'",
                                        "%" + run + "%")
                                == MAILS);
                Map<String, Integer> got = received(stack, senders);
                for (String id : ids) {
                    assertEquals(1, got.getOrDefault(id, 0), "one reply received for " + id);
                }
                assertTrue(
                        takeover < TTL.toSeconds() * 2 + 10,
                        "takeover within the lease time and a renewal: " + takeover);
            }
        }
    }

    /**
     * The staff page through either instance (docs/scaling.md): a login made on one is valid on the other with
     * the same CSRF token, the other refuses a state change without the token, and a logout on the other ends
     * the login on both.
     */
    private static void aPageLoginHoldsOnBothInstances(SecondMailer one, SecondMailer other) throws Exception {
        Http.Login page = Http.page(one.baseUrl(), DevStack.REVIEW_ADMIN, DevStack.REVIEW_ADMIN_PASSWORD);
        String cookie = page.cookieHeader();
        assertTrue(cookie.contains("praxis-session="), cookie);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> there = client.send(
                HttpRequest.newBuilder(URI.create(other.baseUrl() + "/api/session"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, there.statusCode());
        assertTrue(there.body().contains("\"user\":\"" + DevStack.REVIEW_ADMIN + "\""), there.body());
        assertTrue(there.body().contains("\"csrfToken\":\"" + page.csrfToken() + "\""), "the same CSRF token");
        HttpRequest.Builder logout = HttpRequest.newBuilder(URI.create(other.baseUrl() + "/api/session"))
                .header("Cookie", cookie)
                .DELETE();
        assertEquals(
                403,
                client.send(logout.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode(),
                "no state change on the other instance without the token");
        assertEquals(
                204,
                client.send(
                                logout.header("X-CSRF-Token", page.csrfToken()).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode(),
                "logged out on the other instance with the token the first handed out");
        assertEquals(401, page.get("/api/mails").status(), "the logout on one instance ends the login on both");
    }

    private static SecondMailer twin(DevStack stack, OllamaStandIn model, String name) {
        return new SecondMailer(
                stack,
                "twins-" + name,
                ACCOUNT,
                model.url(),
                Map.of(
                        "MAILER_INSTANCE_ID", "twin-" + name,
                        "MAILER_LEASE_TTL", TTL.toSeconds() + "s",
                        // a plan the killed instance held is taken up by the survivor's sweep soon
                        "MAILER_REPLY_REPLAN_AFTER", "5s"));
    }

    private static SecondMailer holder(SecondMailer a, SecondMailer b) {
        boolean ha = holds(a);
        boolean hb = holds(b);
        return ha == hb ? null : ha ? a : b;
    }

    /** The instance's readiness says it holds the folder's lease (check "lease"). */
    private static boolean holds(SecondMailer m) {
        try {
            return HELD.matcher(Http.get(m.baseUrl() + "/health/ready").body()).find();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void send(DevStack stack, String run, int i, List<String> ids, Map<String, String> senders)
            throws MessagingException {
        String from = "patient" + i + "-" + run + "@patienten.test";
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, ACCOUNT.mailbox());
        m.setSubject("Folgerezept " + run + " " + i, "UTF-8");
        m.setText("Guten Tag, ich brauche bitte ein Folgerezept für mein Blutdruckmittel.", "UTF-8");
        m.saveChanges();
        ids.add(m.getMessageID());
        senders.put(m.getMessageID(), from);
        Mails.sendRaw(stack.mail().smtpPort(), ACCOUNT.mailbox(), Mails.bytes(m));
    }

    private static long stored(Db db, String run) {
        return db.count("SELECT count(DISTINCT message_id) FROM mail_message WHERE subject LIKE ?", "%" + run + "%");
    }

    /** Replies the senders received, counted by the Message-ID they answer. */
    private static Map<String, Integer> received(DevStack stack, Map<String, String> senders) {
        Map<String, Integer> counts = new HashMap<>();
        for (String from : new java.util.HashSet<>(senders.values())) {
            GreenMailUser user = stack.mail().managers().getUserManager().getUserByEmail(from);
            if (user == null) {
                continue;
            }
            for (StoredMessage s : List.copyOf(stack.mail().inbox(user).getMessages())) {
                try {
                    String[] h = s.getMimeMessage().getHeader("In-Reply-To");
                    if (h != null) {
                        counts.merge(h[0].trim(), 1, Integer::sum);
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return counts;
    }
}
