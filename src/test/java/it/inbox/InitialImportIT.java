package it.inbox;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.LocalDovecot;
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
 * The first start must not answer the mailbox's history (mailer.imap.initial-import). A mailbox holds 200 mails
 * received 1.5 to 60.5 days ago (INTERNALDATE set by APPEND) before a fresh mailer starts on it; then 20 new
 * mails arrive (15 repeat prescriptions, answered automatically, one of them with a month-old Date header; 5
 * appointment requests, AI drafts) and one mail the server received a week ago (too old for an automatic reply:
 * mailer.reply.max-age). With each mode on GreenMail, and none and since:14d on Dovecot: the stored, history and
 * classified rows,
 * the replies the SMTP server received (only for the 15), the model's draft requests and the copies in the
 * Drafts folder (none for the history), the reply decisions, /health's and the staff API's account of the
 * start; on Dovecot also the keywords the classified mail gets (mailer.labels.mode=auto).
 */
class InitialImportIT {

    /**
     * The history, and the poll's batch below it: {@code all} imports 200 mails, {@code since:14d} the 52 younger
     * ones, each more than one batch of 40, so every mode that imports reads its history over several polls.
     */
    static final int HISTORY = 200;

    static final int BATCH = 40;
    static final int NEW_PRESCRIPTIONS = 15;
    static final int NEW_APPOINTMENTS = 5;
    static final String PRESCRIPTION = "{\"category\":\"prescription\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Folgerezept\",\"needs_reply\":true,\"confidence\":0.9}";
    static final String APPOINTMENT = "{\"category\":\"appointment_new\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Terminwunsch\",\"needs_reply\":true,\"confidence\":0.9}";
    static final Session SESSION = Session.getInstance(new Properties());
    /** A mailer start, plus the first poll of the history, on a busy machine. */
    static final Duration STARTED = Duration.ofMinutes(5);

    static DevStack stack;
    static OllamaStandIn model;
    static LocalDovecot dovecot;

    @BeforeAll
    static void start() throws IOException {
        stack = ItStack.get();
        model = new OllamaStandIn();
        dovecot = LocalDovecot.start(Path.of(System.getProperty("it.work.dir", "target/it"), "dovecot-initial-import"));
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (model != null) {
            model.close();
        }
    }

    /**
     * Every mode on GreenMail; on Dovecot the two that depend on what the server answers (UIDNEXT for none;
     * SEARCH SINCE and INTERNALDATE for since), as each run is a mailer start of its own.
     */
    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("greenmail", "none"),
                Arguments.of("greenmail", "since:14d"),
                Arguments.of("greenmail", "all"),
                Arguments.of("dovecot", "none"),
                Arguments.of("dovecot", "since:14d"));
    }

    @ParameterizedTest(name = "{0}, initial-import={1}")
    @MethodSource("runs")
    void onlyTheNewMailIsAnsweredAndTheHistoryIsStoredAsTheModeSays(String server, String mode) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        MailerAccount account = account((server.substring(0, 2) + mode.replaceAll("[^a-z0-9]", "")) + tag, tag);
        Mailbox box = server.equals("dovecot") ? new DovecotBox(account) : new GreenMailBox(account);
        AtomicInteger historyDrafts = new AtomicInteger();
        AtomicInteger newDrafts = new AtomicInteger();
        model.answerFor(request -> {
            if (request.contains("\"format\"")) {
                return request.contains("Folgerezept")
                        ? PRESCRIPTION
                        : request.contains("Terminwunsch") ? APPOINTMENT : OllamaStandIn.DEFAULT_ANSWER;
            }
            if (request.contains(tag)) {
                (request.contains("Terminwunsch H") ? historyDrafts : newDrafts).incrementAndGet();
            }
            // a reply as long as a real one: a few words would be flagged as far too short (DraftCheck) and not copied
            return "Guten Tag, gern schlagen wir Ihnen einen neuen Termin am Dienstag vor. Viele Grüße";
        });

        // the mailbox's history, before the mailer ever saw it
        Instant started = Instant.now();
        List<MimeMessage> history = new ArrayList<>();
        List<Date> received = new ArrayList<>();
        int recent = 0;
        for (int i = 0; i < HISTORY; i++) {
            int days = 1 + i % 60; // received days + 12 h ago: never on the 14-day line
            recent += days <= 13 ? 1 : 0;
            Date at = Date.from(started.minus(Duration.ofDays(days)).minus(Duration.ofHours(12)));
            history.add(mail(tag, "h" + i, i % 2 == 0 ? "Folgerezept H" + i : "Terminwunsch H" + i, account, at));
            received.add(at);
        }
        box.preload(history, received);
        long expectedHistory = switch (mode) {
            case "none" -> 0;
            case "all" -> HISTORY;
            default -> recent;
        };

        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "MAILER_IMAP_INITIAL_IMPORT",
                mode,
                "MAILER_POLL_BATCH_SIZE",
                String.valueOf(BATCH),
                "MAILER_REPLY_MAX_AGE",
                "48h"));
        settings.putAll(box.settings());
        // one server directory per IMAP server: a restart there is quicker than a first start
        try (SecondMailer mailer =
                new SecondMailer(stack, "initial-import-" + server, account, model.url(), settings)) {
            mailer.start(STARTED);
            Db db = mailer.db();

            // ready is not enough: an instance is ready as a standby before it takes the folder's lease, and
            // the folder's start (what is history) is recorded when it does. Once /health/ready names the
            // history's last UID, whatever arrives is new
            Waits.until(STARTED, "the folder's start recorded (historyUntilUid in /health/ready)", () -> {
                try {
                    JsonObject data = check(
                                    Http.get(mailer.baseUrl() + "/health/ready").body(), "imap")
                            .getJsonObject("data");
                    return data != null && data.containsKey("historyUntilUid");
                } catch (RuntimeException e) {
                    return false;
                }
            });
            List<String> newSenders = new ArrayList<>();
            for (int i = 0; i < NEW_PRESCRIPTIONS + NEW_APPOINTMENTS; i++) {
                boolean prescription = i < NEW_PRESCRIPTIONS;
                String from = "n" + i + "-" + tag + "@patient.example";
                // the sender's clock is a month behind: the Date header does not make a mail old
                Date header = i == 0 ? Date.from(Instant.now().minus(Duration.ofDays(30))) : new Date();
                box.deliver(
                        mail(tag, "n" + i, prescription ? "Folgerezept N" + i : "Terminwunsch N" + i, account, header),
                        null);
                if (prescription) {
                    newSenders.add(from);
                }
            }
            // received by the server a week ago, seen only now (the mailer was down): a draft, not an automatic reply
            Date weekAgo = Date.from(Instant.now().minus(Duration.ofDays(7)));
            box.deliver(mail(tag, "late", "Folgerezept spaet", account, weekAgo), weekAgo);

            long expectedStored = expectedHistory + NEW_PRESCRIPTIONS + NEW_APPOINTMENTS + 1;
            String like = "%" + tag;
            Waits.until(
                    Duration.ofMinutes(3),
                    "every mail classified, its reply decided, sent or copied to Drafts",
                    () -> List.of(
                            db.count(
                                    "select count(*) from mail_message m join reply_plan p on p.mail_id = m.id"
                                            + " where m.subject like ? and p.outcome is not null",
                                    like),
                            db.count("select count(*) from outbound_mail where status = 'SENT'"),
                            db.count("select count(*) from draft_copy where appended_at is not null")),
                    counts -> counts.equals(List.of(expectedStored, (long) NEW_PRESCRIPTIONS, NEW_APPOINTMENTS + 1L)));

            assertEquals(
                    expectedStored,
                    db.count("select count(*) from mail_message where subject like ?", like),
                    "stored: the history the mode asks for, and every new mail");
            assertEquals(
                    expectedHistory,
                    db.count("select count(*) from mail_message where subject like ? and history", like));
            assertEquals(
                    0,
                    db.count(
                            "select count(*) from mail_message where subject like ? and history"
                                    + " and subject not like 'Folgerezept H%' and subject not like 'Terminwunsch H%'",
                            like),
                    "nothing that arrived after the start is history");
            assertEquals(
                    expectedStored, db.count("select count(*) from classification"), "every stored mail classified");
            assertEquals(
                    expectedStored,
                    db.count("select count(*) from mail_message where internal_date is not null"),
                    "the server's INTERNALDATE is kept");
            if (mode.startsWith("since")) {
                assertEquals(
                        0,
                        db.count("select count(*) from mail_message where history"
                                + " and internal_date < now() - interval '14 days'"),
                        "nothing older than 14 days imported");
            }

            // the history is stored and classified, never answered
            assertEquals(
                    expectedHistory,
                    db.count("select count(*) from mail_message m join reply_plan p"
                            + " on p.mail_id = m.id where m.history and p.outcome = 'history'"));
            assertEquals(
                    0,
                    db.count("select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                            + " where m.history"),
                    "no template, no draft for the history");
            assertEquals(0, historyDrafts.get(), "the model was never asked to draft for the history");
            // (a draft request that finds the bulkhead full falls back to the template: at least one reaches the model)
            assertTrue(newDrafts.get() > 0, "the model was asked to draft for the new appointment requests");
            for (int i = 0; i < HISTORY; i++) {
                assertEquals(
                        0, box.repliesTo("h" + i + "-" + tag + "@patient.example"), "no reply to history mail " + i);
            }

            // only the new mail is answered: 15 automatic replies on the SMTP server, once each
            for (String sender : newSenders) {
                String to = sender;
                Waits.until(Duration.ofSeconds(30), "the reply to " + sender, () -> box.repliesTo(to) == 1);
            }
            assertEquals(
                    NEW_PRESCRIPTIONS,
                    db.count("select count(*) from outbound_mail where status = 'SENT'"
                            + " and kind = 'template_auto'"));
            assertEquals(
                    0,
                    box.repliesTo("late-" + tag + "@patient.example"),
                    "a week-old mail is not answered automatically");
            Map<String, Object> late = db.rows(
                            "select o.kind, o.status, p.outcome from mail_message m"
                                    + " join reply_plan p on p.mail_id = m.id join outbound_mail o on o.mail_id = m.id"
                                    + " where m.subject like ?",
                            "Folgerezept spaet%")
                    .get(0);
            assertEquals(
                    List.of("template_draft", "DRAFT", "too_old"),
                    List.of(late.get("kind"), late.get("status"), late.get("outcome")));

            // the Drafts folder holds the 5 AI drafts and the late mail's draft, nothing of the history
            assertEquals(NEW_APPOINTMENTS + 1, box.draftsCopies(), "Drafts folder copies");

            // health and the staff page say how the folder was started
            JsonObject imap = check(Http.get(mailer.baseUrl() + "/health/ready").body(), "imap");
            assertEquals(mode, imap.getJsonObject("data").getString("initialImport"));
            assertEquals(
                    HISTORY,
                    imap.getJsonObject("data").getJsonNumber("historyUntilUid").longValue());
            JsonObject folder = Json.createReader(new StringReader(
                            Http.login(mailer.baseUrl(), DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD)
                                    .get("/api/mailbox")
                                    .body()))
                    .readObject()
                    .getJsonArray("folders")
                    .getJsonObject(0);
            assertEquals(mode, folder.getString("initialImport"));
            assertEquals("first_start", folder.getString("startReason"));
            assertEquals(expectedHistory, folder.getJsonNumber("historyMails").longValue());

            box.checkLabels(tag);
        }
    }

    /**
     * The first look at the folder comes late: the mail server is unreachable while the mailer starts, and mail
     * arrives meanwhile. Under none what the folder held before the start stays history (not read), and what
     * arrived after the start is new mail: stored and answered. Found by the end-to-end run, where it was
     * skipped as history and never stored.
     */
    @org.junit.jupiter.api.Test
    void mailArrivingBeforeALateFirstLookIsNewMail() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        MailerAccount account = account("late" + tag, tag);
        GreenMailBox box = new GreenMailBox(account);
        model.answerFor(request -> request.contains("\"format\"") ? PRESCRIPTION : OllamaStandIn.DEFAULT_ANSWER);
        Date old = Date.from(Instant.now().minus(Duration.ofDays(3)));
        box.preload(List.of(mail(tag, "h0", "Folgerezept H0", account, old)), List.of(old));

        Map<String, String> settings = Map.of(
                "MAILER_IMAP_INITIAL_IMPORT", "none",
                "MAILER_LABELS_MODE", "off",
                // start-up waits this long for the unreachable server
                "MAILER_STARTUP_GRACE", "180s");
        stack.mail().stopImap();
        try (SecondMailer mailer =
                new SecondMailer(stack, "initial-import-greenmail", account, model.url(), settings)) {
            try {
                mailer.liberty().start();
                // running (alive while it waits for the mail server), so what arrives now arrives after its start
                Waits.until(STARTED, "the mailer answers /health/live", () -> {
                    try {
                        return Http.get(mailer.baseUrl() + "/health/live").status() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
                for (int i = 0; i < 2; i++) {
                    box.deliver(mail(tag, "n" + i, "Folgerezept N" + i, account, new Date()), null);
                }
            } finally {
                stack.mail().startImap();
            }
            mailer.awaitReady(STARTED);
            Db db = mailer.db();
            Waits.until(
                    STARTED,
                    "the two mails that arrived before the first look stored as new mail",
                    () -> db.count(
                                    "select count(*) from mail_message where subject like ? and not history",
                                    "%N_ " + tag)
                            == 2);
            assertEquals(
                    0,
                    db.count("select count(*) from mail_message where subject like ?", "%H0 " + tag),
                    "what the folder held before the start is history, not read under none");
            Waits.until(
                    STARTED,
                    "both answered",
                    () -> db.count(
                                    "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                                            + " where m.subject like ?",
                                    "%N_ " + tag)
                            == 2);
        }
    }

    /** A praxis mailer's account of its own: mailbox, login, database and roles named after {@code name}. */
    static MailerAccount account(String name, String tag) {
        return new MailerAccount(
                "praxis",
                name + "@mailer.test",
                name,
                "pw-" + tag,
                "ii_" + name,
                "ii_" + name + "_mailer",
                "db-" + tag);
    }

    static MimeMessage mail(String tag, String who, String subject, MailerAccount to, Date date)
            throws MessagingException {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom(new InternetAddress(who + "-" + tag + "@patient.example"));
        m.setRecipients(Message.RecipientType.TO, to.mailbox());
        m.setSubject(subject + " " + tag, "UTF-8");
        m.setSentDate(date);
        m.setText(
                subject.startsWith("Folgerezept")
                        ? "Bitte ein Folgerezept fuer mein Blutdruckmittel. " + subject + " " + tag
                        : "Ich haette gern einen Termin naechste Woche. " + subject + " " + tag,
                "UTF-8");
        m.saveChanges();
        m.setHeader("Message-ID", "<" + who + "-" + tag + "@patient.example>");
        return m;
    }

    static JsonObject check(String health, String name) {
        return Json.createReader(new StringReader(health))
                .readObject()
                .getJsonArray("checks")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The mailbox under test on one of the two servers; replies always reach GreenMail's SMTP server. */
    interface Mailbox {
        void preload(List<MimeMessage> messages, List<Date> internalDates) throws Exception;

        /** A new mail; {@code internalDate} null: received now. */
        void deliver(MimeMessage m, Date internalDate) throws Exception;

        Map<String, String> settings();

        int draftsCopies() throws Exception;

        default void checkLabels(String tag) throws Exception {}

        /** Replies GreenMail received for this sender (it makes a mailbox per recipient). */
        default int repliesTo(String address) {
            GreenMailUser user = stack.mail().managers().getUserManager().getUserByEmail(address);
            return user == null ? 0 : stack.mail().inbox(user).getMessageCount();
        }
    }

    /** GreenMail: history by its own APPEND with a received date, new mail over SMTP. */
    static final class GreenMailBox implements Mailbox {
        private final MailerAccount account;

        GreenMailBox(MailerAccount account) {
            this.account = account;
            account.provision(stack.postgres(), stack.mail());
        }

        private GreenMailUser user() {
            return stack.mail().user(account.mailbox(), account.login(), account.password());
        }

        @Override
        public void preload(List<MimeMessage> messages, List<Date> internalDates) {
            for (int i = 0; i < messages.size(); i++) {
                stack.mail().inbox(user()).appendMessage(messages.get(i), new Flags(), internalDates.get(i));
            }
        }

        @Override
        public void deliver(MimeMessage m, Date internalDate) {
            if (internalDate == null) {
                Mails.sendRaw(stack.mail().smtpPort(), account.mailbox(), Mails.bytes(m));
            } else {
                stack.mail().inbox(user()).appendMessage(m, new Flags(), internalDate);
            }
        }

        /** Labels are Dovecot's part here; as folders on GreenMail they would only cost time. */
        @Override
        public Map<String, String> settings() {
            return Map.of("MAILER_LABELS_MODE", "off");
        }

        @Override
        public int draftsCopies() {
            return stack.mail().drafts(user()).getMessageCount();
        }
    }

    /** Dovecot: everything by IMAP APPEND with its INTERNALDATE; labels as keywords (mode auto). */
    static final class DovecotBox implements Mailbox {
        private final MailerAccount account;

        DovecotBox(MailerAccount account) {
            this.account = account;
            dovecot.user(account.login(), account.password());
        }

        @Override
        public void preload(List<MimeMessage> messages, List<Date> internalDates) throws MessagingException {
            dovecot.append(account.login(), "INBOX", messages, internalDates);
        }

        @Override
        public void deliver(MimeMessage m, Date internalDate) throws MessagingException {
            dovecot.append(account.login(), "INBOX", List.of(m), internalDate == null ? null : List.of(internalDate));
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("MAILER_IMAP_PORT", String.valueOf(dovecot.imapPort()), "MAILER_LABELS_MODE", "auto");
        }

        @Override
        public int draftsCopies() throws MessagingException {
            return dovecot.count(account.login(), LocalDovecot.DRAFTS);
        }

        /** A classified new mail carries its keywords, as Dovecot keeps them (PERMANENTFLAGS \*). */
        @Override
        public void checkLabels(String tag) {
            Waits.until(
                    Duration.ofSeconds(60),
                    "the new prescription carries its keywords on Dovecot",
                    () -> keywords("Folgerezept N1 " + tag)
                            .containsAll(Set.of("Mailer_prescription", "Mailer_Prio_normal")));
        }

        private Set<String> keywords(String subject) {
            try {
                Store store = dovecot.connect(account.login());
                try {
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    Message[] hits = inbox.search(new SubjectTerm(subject));
                    Set<String> flags = hits.length == 0
                            ? Set.of()
                            : Set.of(hits[0].getFlags().getUserFlags());
                    inbox.close(false);
                    return flags;
                } finally {
                    store.close();
                }
            } catch (MessagingException e) {
                return Set.of();
            }
        }
    }
}
