package it.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;

/**
 * The staff page in a real browser (Debian's Chromium, headless, driven by test/browser/review.spec.mjs):
 * log in, open an urgent mail, edit and approve its AI draft, see it leave the list; then the mail
 * server holds exactly one reply, with the edited text. Screenshots land in target/browser.
 */
class ReviewPageIT {

    static final Path BROWSER = Path.of("test/browser");

    static DevStack stack;

    @BeforeAll
    static void stack() throws Exception {
        stack = ItStack.get();
        if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), BROWSER, Duration.ofMinutes(5), null);
        }
    }

    @Test
    void staffApproveAnEditedDraftInTheBrowserAndItIsSentOnce() throws Exception {
        Seeded seeded = new Seeded(stack);
        Seeded.Mail m = seeded.mail("Dringend Rückruf " + Seeded.tag(), "results_question", "urgent", true, null,
                "ai_draft", "DRAFT");
        String text = "Guten Tag,\nwir rufen Sie heute bis 12 Uhr zurück.\nIhre Praxis " + Seeded.tag();

        Path out = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder("node", "review.spec.mjs").directory(BROWSER.toFile());
        pb.environment().put("REVIEW_URL", stack.baseUrl());
        pb.environment().put("REVIEW_USER", DevStack.REVIEW_STAFF);
        pb.environment().put("REVIEW_PASSWORD", DevStack.REVIEW_STAFF_PASSWORD);
        pb.environment().put("REVIEW_SUBJECT", m.subject());
        pb.environment().put("REVIEW_TEXT", text);
        pb.environment().put("REVIEW_SHOTS", out.toString());
        String output = run(pb, Duration.ofMinutes(3));
        System.out.println(output);
        assertTrue(output.contains("PASS"), output);

        Waits.until(Duration.ofSeconds(60), "the approved draft is SENT", () -> "SENT".equals(seeded.status(m.outboundId())));
        Waits.until(Duration.ofSeconds(30), "delivered", () -> !seeded.delivered(m.sender()).isEmpty());
        assertEquals(1, seeded.delivered(m.sender()).size());
        String sent = Seeded.text(seeded.delivered(m.sender()).get(0)).replace("\r\n", "\n");
        assertTrue(sent.contains("wir rufen Sie heute bis 12 Uhr zurück."), sent);
        assertEquals("staff", new Db(stack).rows("select approved_by from outbound_mail where id = ?", m.outboundId())
                .get(0).get("approved_by"));
        assertTrue(Files.size(out.resolve("mail.png")) > 10_000, "screenshots are written");
    }

    static String run(List<String> command, Path dir, Duration limit, Void unused) throws IOException, InterruptedException {
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
