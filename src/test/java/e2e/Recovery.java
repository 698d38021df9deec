package e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.Waits;

/**
 * E2E 3: kill -9 of both mailers and PostgreSQL while a run of mails is half processed, then a
 * restart: every mail is stored exactly once and every queued reply reaches the SMTP server
 * exactly once. Mail keeps arriving at the mail server while everything else is dead.
 */
final class Recovery implements Scenario {

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public String proves() {
        return "E2E 3: kill -9 of both mailers and PostgreSQL in the middle of a run; after the restart every mail"
                + " stored exactly once, every reply sent exactly once; time from restart to ready";
    }

    @Override
    public void run(Context c) throws Exception {
        int n = c.options().recoveryMails();
        List<Traffic.Sent> mails;
        long start = System.nanoTime();
        // paced, so the crash lands in the middle of the run: part stored, part on its way, part not yet sent
        try (MailStream stream =
                new MailStream(c.traffic(), c.stack().mailers(), "recovery", n, 0, Duration.ofMillis(40))) {
            c.report().require("a third of the " + n + " mails stored and some replies sent before the crash", () -> {
                Ledger.Status s = Waits.until(
                        Duration.ofSeconds(120),
                        "a third stored",
                        () -> c.ledger().safely(stream.sent()),
                        x -> x != null && x.storedOnce() >= n / 3 && x.deliveredOnce() > 0);
                return s.toString();
            });
            c.report().require("kill -9 of praxis-mailer, ecom-mailer and PostgreSQL at once", () -> {
                int before = stream.count();
                CompletableFuture.allOf(
                                CompletableFuture.runAsync(c.stack().praxis::kill),
                                CompletableFuture.runAsync(c.stack().ecom::kill),
                                CompletableFuture.runAsync(c.stack().postgres::kill))
                        .join();
                return "after " + before + " of " + n + " mails were sent";
            });
            stream.awaitAll(Duration.ofSeconds(120));
            mails = stream.sent();
            c.report()
                    .info("all " + n + " mails delivered to the mailboxes in "
                            + Report.seconds(Duration.ofNanos(System.nanoTime() - start))
                            + " (the mailers and PostgreSQL are down)");
        }
        long restart = System.nanoTime();
        c.report().require("PostgreSQL and both mailers restarted and ready", () -> {
            c.stack().postgres.start();
            Duration pg = Duration.ofNanos(System.nanoTime() - restart);
            long t = System.nanoTime();
            c.stack().mailers().forEach(Mailer::start);
            c.stack().awaitReady();
            return "restart to ready " + Report.seconds(Duration.ofNanos(System.nanoTime() - restart)) + " (PostgreSQL "
                    + Report.seconds(pg) + ", mailers " + Report.seconds(Duration.ofNanos(System.nanoTime() - t)) + ")";
        });
        List<Traffic.Sent> all = mails;
        Ledger.Status[] end = new Ledger.Status[1];
        c.report().check("every mail processed after the restart", () -> {
            end[0] = c.ledger().awaitComplete(all, Duration.ofSeconds(180));
            return "restart to complete " + Report.seconds(Duration.ofNanos(System.nanoTime() - restart));
        });
        Ledger.Status s = end[0] != null ? end[0] : c.ledger().of(all);
        c.report()
                .check(
                        "every mail stored exactly once",
                        () -> expect(
                                s.storedOnce() == n && s.storedMore() == 0,
                                s,
                                s.storedOnce() + "/" + n + " once, " + s.storedMore() + " more than once"));
        c.report().check("every mail classified", () -> expect(s.classified() == n, s, s.classified() + "/" + n));
        c.report()
                .check(
                        "one reply queued per mail, marked sent",
                        () -> expect(
                                s.repliesQueued() == n && s.repliesSent() == n,
                                s,
                                s.repliesQueued() + "/" + n + " queued, " + s.repliesSent() + " marked sent"));
        c.report()
                .check(
                        "every reply received by the SMTP server exactly once (by In-Reply-To)",
                        () -> expect(
                                s.deliveredOnce() == n && s.deliveredMore() == 0,
                                s,
                                s.deliveredOnce() + "/" + n + " once, " + s.deliveredMore() + " more than once"));
    }

    static String expect(boolean ok, Ledger.Status s, String figure) {
        if (!ok) {
            throw new AssertionError(figure + " (" + s + ")");
        }
        return figure;
    }
}
