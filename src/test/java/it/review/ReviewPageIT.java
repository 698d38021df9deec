package it.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff page in a real browser (Debian's Chromium, headless, driven by test/browser/review.spec.mjs):
 * the admin adds a person on the People tab, who logs in as themselves and sees what needs attention first (an urgent mail with its draft, an emergency answered
 * automatically) and the counts in the header, open the urgent mail, download its clean attachment
 * (its infected one is refused with the reason), edit and approve its AI draft; then approve a
 * suspicious draft, which needs the confirmation below its warning; find the first mail by search
 * in other spellings; write their own reply to a mail that has none, from a template they insert and
 * edit, sent once although the button was double-clicked. The mail server
 * holds exactly one reply with the edited text, and approval and confirmation are audited with the person's name. Screenshots land
 * in target/browser.
 */
class ReviewPageIT {

    static final Path BROWSER = Path.of("test/browser");

    static DevStack stack;

    @BeforeAll
    static void stack() throws Exception {
        stack = ItStack.get();
        if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
            run(
                    List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                    BROWSER,
                    Duration.ofMinutes(5),
                    null);
        }
    }

    @Test
    void staffApproveAnEditedDraftInTheBrowserAndItIsSentOnce() throws Exception {
        Seeded seeded = new Seeded(stack);
        // received in the far future: the newest of their groups, whatever else the shared stack holds
        OffsetDateTime newest = OffsetDateTime.of(2200, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        Seeded.Mail m = seeded.mail(
                "Dringend Rückruf " + Seeded.tag(), "results_question", "urgent", true, newest, "ai_draft", "DRAFT");
        Seeded.Mail answered = seeded.mail(
                "Notfall automatisch beantwortet " + Seeded.tag(),
                "emergency",
                "urgent",
                true,
                newest.minusMinutes(1),
                "template_auto",
                "SENT");
        Seeded.Mail suspicious = seeded.mail(
                "Verdächtiger Entwurf " + Seeded.tag(), "appointment_new", "high", true, newest, "ai_draft", "DRAFT");
        seeded.flag(suspicious.outboundId(), "instruction header number");
        // a mail without any reply (category other): the person writes their own, from a template
        Seeded.Mail free =
                seeded.mail("Frage zum Parkplatz " + Seeded.tag(), "other", "normal", true, newest, null, null);
        String freeText = "Ja, hinter dem Haus gibt es drei Parkplätze " + Seeded.tag() + ".";
        String text = "Guten Tag,\nwir rufen Sie heute bis 12 Uhr zurück.\nIhre Praxis " + Seeded.tag();
        String file = "Befund Müller.txt";
        String fileText = "Befund " + Seeded.tag();
        seeded.attachment(
                m.mailId(),
                file,
                "text/plain",
                "STORED",
                "clean",
                null,
                fileText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        seeded.attachment(
                m.mailId(), "rechnung.pdf", "application/pdf", "QUARANTINED", "infected", null, new byte[] {1, 2, 3});

        Path out = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder("node", "review.spec.mjs").directory(BROWSER.toFile());
        pb.environment().put("REVIEW_URL", stack.baseUrl());
        // the admin adds this person in the browser, who then logs in as themselves
        String person = "pia." + Seeded.tag();
        pb.environment().put("REVIEW_ADMIN_USER", DevStack.REVIEW_ADMIN);
        pb.environment().put("REVIEW_ADMIN_PASSWORD", DevStack.REVIEW_ADMIN_PASSWORD);
        pb.environment().put("REVIEW_USER", person);
        pb.environment().put("REVIEW_PASSWORD", "pia hat einen langen satz");
        pb.environment().put("REVIEW_SUBJECT", m.subject());
        pb.environment().put("REVIEW_ANSWERED_SUBJECT", answered.subject());
        pb.environment().put("REVIEW_SUSPICIOUS_SUBJECT", suspicious.subject());
        pb.environment().put("REVIEW_TEXT", text);
        pb.environment().put("REVIEW_SHOTS", out.toString());
        pb.environment().put("REVIEW_FILE", file);
        pb.environment().put("REVIEW_FILE_TEXT", fileText);
        // "Dringend Rückruf <tag>" found by other spellings of its words
        pb.environment()
                .put(
                        "REVIEW_SEARCH",
                        "DRINGEND rueckruf " + m.subject().substring(m.subject().lastIndexOf(' ') + 1));
        pb.environment().put("REVIEW_FREE_SUBJECT", free.subject());
        pb.environment().put("REVIEW_FREE_SENDER", free.sender());
        pb.environment().put("REVIEW_FREE_TEXT", freeText);
        String output = run(pb, Duration.ofMinutes(3));
        System.out.println(output);
        assertTrue(output.contains("PASS"), output);

        Waits.until(
                Duration.ofSeconds(60),
                "the approved draft is SENT",
                () -> "SENT".equals(seeded.status(m.outboundId())));
        Waits.until(
                Duration.ofSeconds(30),
                "delivered",
                () -> !seeded.delivered(m.sender()).isEmpty());
        assertEquals(1, seeded.delivered(m.sender()).size());
        String sent = Seeded.text(seeded.delivered(m.sender()).get(0)).replace("\r\n", "\n");
        assertTrue(sent.contains("wir rufen Sie heute bis 12 Uhr zurück."), sent);
        assertEquals(
                person,
                new Db(stack)
                        .rows("select approved_by from outbound_mail where id = ?", m.outboundId())
                        .get(0)
                        .get("approved_by"));
        assertTrue(Files.size(out.resolve("mail.png")) > 10_000, "screenshots are written");

        // the suspicious draft was approved only with the confirmation, and that is audited
        Waits.until(
                Duration.ofSeconds(60),
                "the confirmed suspicious draft is SENT",
                () -> "SENT".equals(seeded.status(suspicious.outboundId())));
        List<java.util.Map<String, Object>> audit = new Db(stack)
                .rows(
                        "select actor, action, detail from review_audit" + " where outbound_id = ? order by id",
                        suspicious.outboundId());
        assertEquals(
                List.of("confirm_suspicious", "approve"),
                audit.stream().map(a -> a.get("action")).toList());
        assertEquals("instruction header number", audit.get(0).get("detail"));
        assertEquals(person, audit.get(0).get("actor"));
        // the free reply: one row, sent once, threaded under the mail, the template's text with the person's line
        Db db = new Db(stack);
        List<java.util.Map<String, Object>> rows =
                db.rows("select id, kind, approved_by from outbound_mail where mail_id = ?", free.mailId());
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("staff_reply", rows.get(0).get("kind"));
        assertEquals(person, rows.get(0).get("approved_by"));
        long freeId = ((Number) rows.get(0).get("id")).longValue();
        Waits.until(Duration.ofSeconds(60), "the free reply is SENT", () -> "SENT".equals(seeded.status(freeId)));
        Waits.until(
                Duration.ofSeconds(30),
                "delivered",
                () -> !seeded.delivered(free.sender()).isEmpty());
        assertEquals(1, seeded.delivered(free.sender()).size(), "the double click sent one mail");
        String freeSent = Seeded.text(seeded.delivered(free.sender()).get(0)).replace("\r\n", "\n");
        assertTrue(freeSent.contains(freeText) && freeSent.contains("vielen Dank für Ihre Nachricht"), freeSent);
        assertEquals(
                db.rows("select message_id from mail_message where id = ?", free.mailId())
                        .get(0)
                        .get("message_id"),
                seeded.delivered(free.sender()).get(0).getMimeMessage().getHeader("In-Reply-To", null));
        assertEquals(
                List.of(java.util.Map.of("actor", person, "action", "reply")),
                db.rows("select actor, action from review_audit where outbound_id = ?", freeId));
        assertEquals(
                List.of(java.util.Map.of("actor", DevStack.REVIEW_ADMIN, "action", "person_add")),
                new Db(stack).rows("select actor, action from review_audit where new_value = ?", person));
    }

    static String run(List<String> command, Path dir, Duration limit, Void unused)
            throws IOException, InterruptedException {
        return run(new ProcessBuilder(command).directory(dir.toFile()), limit);
    }

    /** Runs it to the end (or kills it at the limit) and returns its output; a non-zero exit is a failure. */
    static String run(ProcessBuilder pb, Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Path.of("target"), "browser", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(pb.command() + " did not finish within " + limit + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), pb.command() + " failed: " + output);
        return output;
    }
}
