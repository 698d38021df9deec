package it.inbox;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.LocalDovecot;
import dev.MailerAccount;
import dev.Waits;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * New mail is fetched as soon as the server announces it with IMAP IDLE, on GreenMail and on Dovecot, also
 * after the server dropped the connection; a server without IDLE is polled and health says so. The mailers
 * here poll every ten minutes: only IDLE explains a mail stored within {@link #SOON}.
 */
class IdleIT {

    static final Duration STARTED = Duration.ofMinutes(5);
    static final Duration SOON = Duration.ofSeconds(20);
    /** Dovecot 2.3's capabilities after login, without IDLE. */
    static final String NO_IDLE = "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT"
            + " THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1"
            + " CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE LITERAL+"
            + " SPECIAL-USE";

    static DevStack stack;

    @BeforeAll
    static void start() {
        stack = ItStack.get();
    }

    @Test
    void onGreenMailNewMailIsStoredAtOnceAlsoAfterRenewalsAndAfterTheServerCameBack() {
        MailerAccount account = account("idgm");
        // renewed every 2 s here, so renewals happen within the test
        try (SecondMailer mailer = new SecondMailer(
                        stack,
                        "idle-greenmail",
                        account,
                        stack.ollama().url(),
                        settings(Map.of("MAILER_IMAP_IDLE_RENEW", "2s")))
                .start(STARTED)) {
            awaitIdle(mailer, "active", SOON);

            String first = Mails.unique("Per IDLE");
            send(account, first);
            Waits.until(SOON, "stored without a poll", () -> stored(mailer, first));
            // the poll asked for when IDLE started may store the mail before IDLE's answer is counted
            Waits.until(SOON, "counted as a wake-up", () -> metric(mailer, "imap_idle_wakeups_total", "") >= 1);

            // the IDLE is ended and issued again, and still reports new mail
            Waits.until(SOON, "two renewals", () -> metric(mailer, "imap_idle_renewals_total", "") >= 2);
            String renewed = Mails.unique("Nach Erneuerung");
            send(account, renewed);
            Waits.until(SOON, "stored after renewals", () -> stored(mailer, renewed));

            // the server goes away: the mailer falls back to polling and waits with IDLE again once it is back
            String whileDown = Mails.unique("Waehrend IMAP weg");
            stack.mail().stopImap();
            try {
                Waits.until(
                        SOON,
                        "health says IDLE is reconnecting",
                        () -> idle(mailer).equals("reconnecting"));
                assertTrue(metric(mailer, "imap_idle_fallbacks_total", "reason=\"failed\"") >= 1);
                assertEquals(0.0, metric(mailer, "imap_idle_active", ""));
                send(account, whileDown);
            } finally {
                stack.mail().startImap();
            }
            awaitIdle(mailer, "active", Duration.ofSeconds(60));
            Waits.until(SOON, "what arrived meanwhile is stored on reconnecting", () -> stored(mailer, whileDown));
            String after = Mails.unique("Nach IMAP zurueck");
            send(account, after);
            Waits.until(SOON, "stored without a poll after the reconnect", () -> stored(mailer, after));
            assertEquals(1, mailer.db().mailsWithSubject(whileDown).size(), "stored once");
        }
    }

    @Test
    void onDovecotNewMailIsStoredAtOnceAlsoAfterItsImapProcessesWereKilled() throws Exception {
        MailerAccount account = account("iddc");
        try (LocalDovecot dovecot = LocalDovecot.start(workDir("dovecot-idle"))) {
            dovecot.user(account.login(), account.password());
            try (SecondMailer mailer = new SecondMailer(
                            stack,
                            "idle-dovecot",
                            account,
                            stack.ollama().url(),
                            settings(Map.of("MAILER_IMAP_PORT", String.valueOf(dovecot.imapPort()))))
                    .start(STARTED)) {
                awaitIdle(mailer, "active", SOON);

                String first = Mails.unique("Dovecot IDLE");
                append(dovecot, account, first);
                Waits.until(SOON, "stored without a poll", () -> stored(mailer, first));

                // a crash of the server's side of every connection (the poll's and the IDLE's)
                assertTrue(dovecot.killImapProcesses() >= 2, "the poll's and the IDLE's imap processes");
                Waits.until(
                        SOON,
                        "the lost IDLE connection is counted",
                        () -> metric(mailer, "imap_idle_fallbacks_total", "reason=\"failed\"") >= 1);
                awaitIdle(mailer, "active", Duration.ofSeconds(60));
                String after = Mails.unique("Dovecot nach Absturz");
                append(dovecot, account, after);
                Waits.until(SOON, "stored without a poll after the reconnect", () -> stored(mailer, after));
                // the poll asked for on reconnecting may store the mail before IDLE's answer is counted
                Waits.until(
                        SOON,
                        "IDLE announced the mail after the reconnect",
                        () -> metric(mailer, "imap_idle_wakeups_total", "") >= 2);
            }
        }
    }

    @Test
    void aServerWithoutIdleIsPolledAndHealthSaysSo() throws Exception {
        MailerAccount account = account("idno");
        try (LocalDovecot dovecot = LocalDovecot.start(workDir("dovecot-no-idle"), NO_IDLE)) {
            dovecot.user(account.login(), account.password());
            try (SecondMailer mailer = new SecondMailer(
                            stack,
                            "idle-none",
                            account,
                            stack.ollama().url(),
                            settings(Map.of(
                                    "MAILER_IMAP_PORT",
                                    String.valueOf(dovecot.imapPort()),
                                    "MAILER_POLL_INTERVAL",
                                    "2s")))
                    .start(STARTED)) {
                awaitIdle(mailer, "unsupported", SOON);
                assertEquals(1.0, metric(mailer, "imap_idle_fallbacks_total", "reason=\"unsupported\""));
                assertEquals(0.0, metric(mailer, "imap_idle_active", ""));

                String subject = Mails.unique("Ohne IDLE");
                append(dovecot, account, subject);
                Waits.until(Duration.ofSeconds(30), "stored by the poll", () -> stored(mailer, subject));
                assertEquals(0.0, metric(mailer, "imap_idle_wakeups_total", ""), "no IDLE ever woke the mailer");
                assertEquals(200, Http.get(mailer.baseUrl() + "/health/ready").status(), "ready while polling");
            }
        }
    }

    static MailerAccount account(String prefix) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = prefix + tag;
        return new MailerAccount(
                "praxis", name + "@mailer.test", name, "pw-" + tag, name, name + "_mailer", "db-" + tag);
    }

    /** A ten-minute poll, so only IDLE explains mail stored within seconds; readiness does not wait for it. */
    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new HashMap<>(Map.of(
                "MAILER_POLL_INTERVAL", "10m",
                "MAILER_HEALTH_IMAP_MAX_AGE", "1h",
                "MAILER_LABELS_MODE", "off"));
        s.putAll(more);
        return s;
    }

    static Path workDir(String name) {
        return Path.of(System.getProperty("it.work.dir", "target/it"), name);
    }

    static void send(MailerAccount to, String subject) {
        Mails.sendRaw(
                stack.mail().smtpPort(),
                to.mailbox(),
                Mails.bytes(Mails.plain("patient@idle.example", subject, "Bitte um Rueckruf.")));
    }

    static void append(LocalDovecot dovecot, MailerAccount to, String subject) throws Exception {
        dovecot.append(to.login(), "INBOX", List.of(Mails.plain("patient@idle.example", subject, "Hallo")), null);
    }

    static boolean stored(SecondMailer mailer, String subject) {
        return mailer.db().mailsWithSubject(subject).size() == 1;
    }

    static void awaitIdle(SecondMailer mailer, String state, Duration within) {
        Waits.until(within, "health says idle=" + state, () -> idle(mailer).equals(state));
    }

    /** The {@code idle} data of the readiness check {@code imap}. */
    static String idle(SecondMailer mailer) {
        JsonObject imap = Json.createReader(new StringReader(
                        Http.get(mailer.baseUrl() + "/health/ready").body()))
                .readObject()
                .getJsonArray("checks")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(c -> c.getString("name").equals("imap"))
                .findFirst()
                .orElseThrow();
        return imap.getJsonObject("data").getString("idle", "");
    }

    static double metric(SecondMailer mailer, String name, String labels) {
        return Http.metric(Http.get(mailer.baseUrl() + "/metrics").body(), name, labels);
    }
}
