package it.spam;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;

import dev.DevStack;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;

import de.dockeragents.mailer.spam.Corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No reply to spam, phishing or bulk mail, on real parts: the corpus (48 spam, phishing and bulk mails, 46 shop mails)
 * delivered over SMTP into the shop's mailbox, fetched over IMAP by a running ecom-mailer, stored in
 * PostgreSQL; the replies counted where the SMTP server filed them (the mailbox's Sent folder). Once
 * with a hostile model that calls every mail "shipping, needs reply", once with the model down: no
 * spam mail gets a reply or a draft, every shop mail keeps its reply. And the practice's mailer
 * refuses the same signals, a junk keyword on the server included.
 */
class SpamRepliesIT {

    static final Duration SETTLED = Duration.ofMinutes(4);
    static final String HOSTILE = "{\"category\":\"%s\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Versandfrage eines Kunden\",\"needs_reply\":true,\"confidence\":0.99}";

    static DevStack stack;
    static EcomMailer ecom;

    @BeforeAll
    static void start() {
        stack = ItStack.get();
        ecom = new EcomMailer(stack);
        // a second server on a machine that already runs one: give it more time than the first
        ecom.start(ItStack.READY.multipliedBy(2));
    }

    @AfterAll
    static void stop() {
        if (ecom != null) {
            ecom.close();
        }
    }

    @AfterEach
    void praxisModelHealthyAgain() {
        stack.ollama().mode(OllamaStandIn.Mode.OK).answer(OllamaStandIn.DEFAULT_ANSWER);
    }

    @Test
    void aHostileModelGetsNoSpamAnsweredAndEveryShopMailStillIs() {
        ecom.ollama().mode(OllamaStandIn.Mode.OK).answer(HOSTILE.formatted("shipping"));
        awaitModelAnswering();
        Round round = deliver("hostile");
        round.awaitSettled();
        assertEquals(
                0,
                round.db.count(
                        "select count(*) from classification c join mail_message m on m.id = c.mail_id"
                                + " where m.message_id = any(?) and c.classified_by <> 'ai'",
                        round.all()),
                "the model classified every mail");
        round.assertNoSpamAnswered();
        round.assertEveryShopMailAnswered();
        // with every mail "shipping", nearly all shop mail is answered automatically: each of those reached the SMTP
        // server
        assertTrue(round.sent(round.shop) >= 40, "shop replies sent: " + round.sent(round.shop));
        System.out.printf(
                "hostile model: %d spam mails, %d SMTP replies to them; %d shop mails, %d SMTP replies%n",
                round.spam.size(), round.sent(round.spam), round.shop.size(), round.sent(round.shop));
        round.assertStaffSeeWhy();
    }

    @Test
    void withTheModelDownTheRulesAnswerNoSpamAndRefuseNoShopMail() {
        ecom.ollama().mode(OllamaStandIn.Mode.ERROR).status(503);
        Round round = deliver("down");
        round.awaitSettled();
        assertEquals(
                0,
                round.db.count(
                        "select count(*) from classification c join mail_message m on m.id = c.mail_id"
                                + " where m.message_id = any(?) and c.classified_by <> 'rules'",
                        round.all()),
                "the rules classified every mail");
        round.assertNoSpamAnswered();
        // the rules answer what they can place; none of the shop's mail is refused for spam signals
        assertEquals(
                List.of(),
                round.db.rows(
                        "select m.message_id, p.reasons from reply_plan p join mail_message m"
                                + " on m.id = p.mail_id where m.message_id = any(?) and p.outcome = 'spam_signals'",
                        (Object) round.shop.toArray(String[]::new)));
        long automatic = round.db.count(
                "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                        + " where m.message_id = any(?) and o.kind = 'template_auto'",
                (Object) round.shop.toArray(String[]::new));
        Waits.until(
                SETTLED,
                "every automatic shop reply reached the SMTP server",
                () -> round.sent(round.shop) == automatic);
        assertTrue(automatic >= 10, "automatic shop replies: " + automatic);
        System.out.printf(
                "model down: %d spam mails, %d SMTP replies to them; %d shop mails, %d SMTP replies, %d drafts%n",
                round.spam.size(),
                round.sent(round.spam),
                round.shop.size(),
                round.sent(round.shop),
                round.db.count(
                        "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id where m.message_id = any(?)"
                                + " and o.status = 'DRAFT'",
                        (Object) round.shop.toArray(String[]::new)));
        ecom.ollama().mode(OllamaStandIn.Mode.OK);
    }

    @Test
    void thePracticeRefusesTheSameSignalsAJunkKeywordIncluded() {
        stack.ollama().mode(OllamaStandIn.Mode.OK).answer(HOSTILE.formatted("prescription"));
        String tag = "praxis" + System.nanoTime();
        Set<String> spam = new HashSet<>();
        for (String name : List.of(
                "11-paypal-dmarc-fail-link",
                "14-apple-suspended-reply-to",
                "16-idn-lookalike-button",
                "29-parcel-fee-button",
                "41-spam-flag-replica",
                "46-mailto-mismatch")) {
            Corpus.Mail m = Corpus.spam().stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            Mails.sendRaw(stack.mail().smtpPort(), Corpus.variant(m, tag));
            spam.add("<" + tag + "." + m.messageId().substring(1));
        }
        // a mail the mailbox itself marks as junk (a client's or filter's $Junk keyword), otherwise harmless
        String junkId = "<junk-" + tag + "@patient.example>";
        appendWithKeyword(
                MailerAccount.PRAXIS,
                "From: erika." + tag + "@patient.example\r\nTo: " + DevStack.MAILBOX
                        + "\r\nSubject: Folgerezept\r\nMessage-ID: " + junkId
                        + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "Bitte ein Folgerezept.\r\n",
                "$Junk");
        spam.add(junkId);
        String controlId = "<control-" + tag + "@patient.example>";
        Mails.sendRaw(
                stack.mail().smtpPort(),
                ("From: paul." + tag + "@patient.example\r\nTo: " + DevStack.MAILBOX
                                + "\r\nSubject: Folgerezept bitte\r\nMessage-ID: " + controlId
                                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                                + "Ich brauche ein Folgerezept.\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Db db = new Db(stack);
        Set<String> all = new HashSet<>(spam);
        all.add(controlId);
        Waits.until(
                SETTLED,
                "the practice's mails are stored, classified and their replies decided",
                () -> db.count(
                                "select count(*) from reply_plan p join mail_message m on m.id = p.mail_id"
                                        + " where m.message_id = any(?) and p.outcome is not null",
                                (Object) all.toArray(String[]::new))
                        == all.size());
        Map<String, String> outcomes = outcomes(db, spam);
        assertEquals(spam.size(), outcomes.size());
        outcomes.forEach((id, outcome) -> assertEquals("spam_signals", outcome, id));
        assertEquals(
                0,
                db.count(
                        "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                                + " where m.message_id = any(?)",
                        (Object) spam.toArray(String[]::new)),
                "no reply and no draft");
        assertTrue(db.rows(
                        "select p.reasons from reply_plan p join mail_message m on m.id = p.mail_id"
                                + " where m.message_id = ?",
                        junkId)
                .get(0)
                .get("reasons")
                .toString()
                .startsWith("junk_mark IMAP keyword $Junk"));
        Waits.until(
                SETTLED,
                "the control mail's reply reached the SMTP server",
                () -> sentTo(MailerAccount.PRAXIS, Set.of(controlId)) == 1);
        assertEquals(0, sentTo(MailerAccount.PRAXIS, spam));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The ecom-mailer's model path is closed again (after a test with the model down its circuit breaker
     * may still be open): a probe mail is classified by the model, at once or by the re-classification.
     */
    void awaitModelAnswering() {
        String probe = "<probe-" + System.nanoTime() + "@kunde.example>";
        Mails.sendRaw(
                stack.mail().smtpPort(),
                EcomMailer.ACCOUNT.mailbox(),
                ("From: probe" + System.nanoTime()
                                + "@kunde.example\r\nTo: " + EcomMailer.ACCOUNT.mailbox()
                                + "\r\nSubject: Lieferzeit?\r\nMessage-ID: " + probe
                                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nWie lange dauert der Versand?\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Waits.until(
                SETTLED,
                "a probe mail classified by the model",
                () -> ecom.db()
                                .count(
                                        "select count(*) from"
                                                + " classification c join mail_message m on m.id = c.mail_id where m.message_id = ? and c.classified_by = 'ai'",
                                        probe)
                        == 1);
    }

    Round deliver(String name) {
        // the stack's database outlives a test run: every run's mails are new ones
        String tag = name + Long.toString(System.currentTimeMillis(), 36);
        Round r = new Round(ecom.db());
        for (Corpus.Mail m : Corpus.spam()) {
            Mails.sendRaw(stack.mail().smtpPort(), EcomMailer.ACCOUNT.mailbox(), Corpus.variant(m, tag));
            r.spam.add("<" + tag + "." + m.messageId().substring(1));
            r.byName.put(m.name(), "<" + tag + "." + m.messageId().substring(1));
        }
        for (Corpus.Mail m : Corpus.shop()) {
            Mails.sendRaw(stack.mail().smtpPort(), EcomMailer.ACCOUNT.mailbox(), Corpus.variant(m, tag));
            r.shop.add("<" + tag + "." + m.messageId().substring(1));
            r.byName.put(m.name(), "<" + tag + "." + m.messageId().substring(1));
        }
        return r;
    }

    /** One delivery of the corpus and what became of it. */
    static final class Round {
        final Db db;
        final List<String> spam = new ArrayList<>();
        final List<String> shop = new ArrayList<>();
        /** Message-ID by the corpus file's name. */
        final Map<String, String> byName = new HashMap<>();

        Round(Db db) {
            this.db = db;
        }

        Object all() {
            List<String> all = new ArrayList<>(spam);
            all.addAll(shop);
            return all.toArray(String[]::new);
        }

        void awaitSettled() {
            int n = spam.size() + shop.size();
            Waits.until(
                    SETTLED,
                    n + " mails stored, classified and their replies decided",
                    () -> db.count(
                            "select count(*) from reply_plan p join mail_message m on m.id = p.mail_id where m.message_id = any(?)"
                                    + " and p.outcome is not null",
                            all()),
                    c -> c == n);
        }

        void assertNoSpamAnswered() {
            Object ids = spam.toArray(String[]::new);
            assertEquals(
                    List.of(),
                    db.rows(
                            "select m.message_id, o.kind, o.status from outbound_mail o join mail_message m"
                                    + " on m.id = o.mail_id where m.message_id = any(?)",
                            ids),
                    "no reply and no draft to spam");
            Map<String, String> outcomes = outcomes(db, new HashSet<>(spam));
            Map<String, List<String>> byOutcome = outcomes.entrySet().stream()
                    .collect(Collectors.groupingBy(
                            Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            System.out.println("spam outcomes: "
                    + byOutcome.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue().size())
                            .toList());
            outcomes.forEach((id, outcome) -> assertTrue(
                    Set.of("spam_signals", "mailing_list", "precedence", "none").contains(outcome),
                    id + ": " + outcome));
            assertEquals(0, sentTo(EcomMailer.ACCOUNT, new HashSet<>(spam)), "SMTP messages in reply to spam");
        }

        void assertEveryShopMailAnswered() {
            Map<String, String> outcomes = outcomes(db, new HashSet<>(shop));
            outcomes.forEach((id, outcome) -> assertEquals("queued", outcome, id));
            long automatic = db.count(
                    "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                            + " where m.message_id = any(?) and o.kind = 'template_auto'",
                    (Object) shop.toArray(String[]::new));
            Waits.until(SETTLED, "every automatic shop reply reached the SMTP server", () -> sent(shop) == automatic);
        }

        long sent(List<String> ids) {
            return sentTo(EcomMailer.ACCOUNT, new HashSet<>(ids));
        }

        /** The page's API shows staff why a spam mail got nothing, and a shop mail carries no such reason. */
        void assertStaffSeeWhy() {
            Http.Login staff = Http.login(ecom.url(), DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD);
            long phishing = id(byName.get("11-paypal-dmarc-fail-link"));
            JsonObject c = detail(staff, phishing).getJsonObject("classification");
            assertEquals("spam_signals", c.getString("replyOutcome"));
            List<String> codes = c.getJsonArray("replyReasons").stream()
                    .map(v -> v.asJsonObject().getString("code"))
                    .toList();
            assertTrue(codes.containsAll(List.of("auth_failed", "link_mismatch", "lure_text")), codes.toString());
            assertTrue(c.getJsonArray("replyReasons")
                    .get(0)
                    .asJsonObject()
                    .getString("detail")
                    .contains("dmarc=fail"));
            JsonObject customer =
                    detail(staff, id(byName.get("01-wo-bleibt-bestellung"))).getJsonObject("classification");
            assertEquals("queued", customer.getString("replyOutcome"));
            assertEquals(0, customer.getJsonArray("replyReasons").size());
        }

        long id(String messageId) {
            return ((Number) db.rows("select id from mail_message where message_id = ?", messageId)
                            .get(0)
                            .get("id"))
                    .longValue();
        }

        static JsonObject detail(Http.Login staff, long id) {
            Http.Response r = staff.get("/api/mails/" + id);
            assertEquals(200, r.status(), r.body());
            return Json.createReader(new StringReader(r.body())).readObject();
        }
    }

    static Map<String, String> outcomes(Db db, Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> r : db.rows(
                "select m.message_id, p.outcome from reply_plan p join mail_message m"
                        + " on m.id = p.mail_id where m.message_id = any(?)",
                (Object) ids.toArray(String[]::new))) {
            out.put((String) r.get("message_id"), (String) r.get("outcome"));
        }
        return out;
    }

    /**
     * Messages the SMTP server accepted from this mailer in reply to these mails: the server files every
     * message a mailbox sends in its Sent folder, as Gmail does; matched by In-Reply-To.
     */
    static long sentTo(MailerAccount account, Set<String> messageIds) {
        var user = stack.mail().managers().getUserManager().getUser(account.login());
        MailFolder sent = stack.mail().sent(user);
        long n = 0;
        for (StoredMessage m : sent.getMessages()) {
            try {
                String[] inReplyTo = m.getMimeMessage().getHeader("In-Reply-To");
                if (inReplyTo != null && messageIds.contains(inReplyTo[0].strip())) {
                    n++;
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    static void appendWithKeyword(MailerAccount account, String raw, String keyword) {
        try {
            var user = stack.mail().managers().getUserManager().getUser(account.login());
            Flags flags = new Flags();
            flags.add(keyword);
            MimeMessage m = new MimeMessage(
                    Session.getInstance(new java.util.Properties()),
                    new ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            stack.mail().inbox(user).appendMessage(m, flags, new Date());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
