package it.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import it.support.Db;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin's request to be forgotten in a real browser (Debian's Chromium, headless, driven by
 * test/browser/privacy.spec.mjs): a refused address with its reason, the preview's counts, the erasure, the
 * record without the address; then the database holds none of the mails. Its own spec file, beside the page's
 * main one, so both can grow apart.
 */
class PrivacyPageIT {

    static DevStack stack;

    @BeforeAll
    static void stack() throws Exception {
        stack = ItStack.get();
        if (!Files.isDirectory(ReviewPageIT.BROWSER.resolve("node_modules/playwright-core"))) {
            ReviewPageIT.run(
                    List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                    ReviewPageIT.BROWSER,
                    Duration.ofMinutes(5),
                    null);
        }
    }

    @Test
    void anAdminPreviewsAndErasesAllMailOfOneAddressInTheBrowser() throws Exception {
        Seeded seeded = new Seeded(stack);
        Db db = new Db(stack);
        Seeded.Mail first =
                seeded.mail("Befund " + Seeded.tag(), "results_question", "normal", true, null, "ai_draft", "DRAFT");
        Seeded.Mail second = seeded.withText("Rezept " + Seeded.tag(), "Bitte ein Rezept", "prescription", "normal");
        db.rows(
                "update mail_message set from_addr = ? where id = ? returning id",
                "Pat <" + first.sender() + ">",
                second.mailId());
        Seeded.Mail other = seeded.withText("Anderes " + Seeded.tag(), "Termin", "results_question", "normal");

        Path out = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder("node", "privacy.spec.mjs").directory(ReviewPageIT.BROWSER.toFile());
        pb.environment().put("REVIEW_URL", stack.baseUrl());
        pb.environment().put("REVIEW_ADMIN_USER", DevStack.REVIEW_ADMIN);
        pb.environment().put("REVIEW_ADMIN_PASSWORD", DevStack.REVIEW_ADMIN_PASSWORD);
        pb.environment().put("PRIVACY_ADDRESS", first.sender());
        pb.environment().put("PRIVACY_MAILS", "2");
        pb.environment().put("REVIEW_SHOTS", out.toString());
        String output = ReviewPageIT.run(pb, Duration.ofMinutes(3));
        System.out.println(output);
        assertTrue(output.contains("PASS"), output);

        assertEquals(
                0, db.count("select count(*) from mail_message where id in (?, ?)", first.mailId(), second.mailId()));
        assertEquals(0, db.count("select count(*) from outbound_mail where id = ?", first.outboundId()));
        assertEquals(1, db.count("select count(*) from mail_message where id = ?", other.mailId()));
        assertTrue(Files.size(out.resolve("privacy-done.png")) > 10_000, "screenshots are written");
    }
}
