package e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.Waits;

/**
 * Issue 14 part 1: both mailers with two instances each on one PostgreSQL (docs/scaling.md). A stream of mail
 * arrives; when a quarter is stored, each mailer's lease holder is killed with kill -9 and the standby takes
 * over; the killed one starts again as the standby. The stream holds at half of the mails until the restarted
 * instances are ready (a restart beside three other servers takes longer than the rest of the stream), then goes
 * on; when five eighths are stored, the new holder is killed as well, while mail is still arriving, and the
 * restarted one takes over. In the end every mail is stored once, classified, and each reply received once.
 * One mail in {@value #DRAFT_EVERY} to each mailer asks for an AI draft instead: its draft waits for staff, is
 * never sent and is in the mailbox's Drafts folder once. Every mail carries its labels once: praxis as label
 * folder copies (Gmail's way), ecom as IMAP keywords; both counted over IMAP. Each kill waits a little for the
 * holder to be inside a labels or Drafts pass, so it cuts one. Prints each takeover time, how much
 * mail was still to come at each kill, and the counts. Leaves one instance per mailer running, as it found them.
 */
final class Scale implements Scenario {

    /** Four Liberty servers on the machine at once start slower than two: more time than the stack's start. */
    private static final Duration READY = E2eStack.READY.multipliedBy(2);

    /** How long a kill waits for the holder to be in a mailbox pass, then kills it anyway. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    /** One mail in this many to each mailer asks for an AI draft: 100 of 1,000, 50 per mailer. */
    static final int DRAFT_EVERY = 10;

    /** Two instances of one mailer, whichever holds the lease now. */
    private static final class Pair {
        final Mailer first;
        final Mailer second;

        Pair(Mailer first, Mailer second) {
            this.first = first;
            this.second = second;
        }

        Mailer holder() {
            boolean a = first.alive() && first.holdsLease();
            boolean b = second.alive() && second.holdsLease();
            return a == b ? null : a ? first : b ? second : null;
        }

        Mailer other(Mailer m) {
            return m == first ? second : first;
        }
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public boolean byDefault() {
        // four Liberty instances and 1,000 mails: minutes more than the rest together on a 2-core machine
        return false;
    }

    @Override
    public String proves() {
        return "issue 14: both mailers with two instances on one PostgreSQL; kill -9 of each lease holder, then of the"
                + " new holder, during a stream of mail: every mail stored once, each reply sent once, each label and"
                + " Drafts copy in the mailbox once; takeover times";
    }

    @Override
    public void run(Context c) throws Exception {
        int n = c.options().scaleMails();
        List<Pair> pairs = new ArrayList<>();
        for (Mailer m : c.stack().mailers()) {
            Mailer twin = m.twin("2");
            c.stack().own(twin);
            pairs.add(new Pair(m, twin));
        }
        try {
            c.report().require("a second instance of each mailer started; one instance of each holds the lease", () -> {
                long t = System.nanoTime();
                pairs.forEach(p -> p.second.start());
                all(pairs, p -> p.second.awaitReady(READY));
                for (Pair p : pairs) {
                    Waits.until(Duration.ofSeconds(30), p.first.name() + ": one holder", () -> p.holder() != null);
                }
                return "ready after " + Report.seconds(Duration.ofNanos(System.nanoTime() - t));
            });
            List<Traffic.Sent> mails;
            // paced, so both kills land while mail keeps arriving
            try (MailStream stream = new MailStream(
                    c.traffic(), c.stack().mailers(), "scale", n, 0, DRAFT_EVERY, Duration.ofMillis(60))) {
                stream.holdAt(n / 2);
                c.report().require("a quarter of the " + n + " mails stored", () -> {
                    Ledger.Status s = Waits.until(
                            Duration.ofSeconds(120),
                            "a quarter stored",
                            () -> c.ledger().safely(stream.sent()),
                            x -> x != null && x.storedOnce() >= n / 4);
                    return s.toString();
                });
                List<Mailer> killed = new ArrayList<>();
                c.report().require("kill -9 of each mailer's lease holder: the standby takes over", () -> {
                    String left = stillToCome(c, stream, n);
                    return takeover(pairs, killed) + "; " + left;
                });
                c.report().require("the killed instances start again, as standbys", () -> {
                    long t = System.nanoTime();
                    killed.forEach(Mailer::start);
                    all(killed, m -> m.awaitReady(READY));
                    String sent = stream.count() + " of " + n + " mails sent (held at " + n / 2 + ")";
                    stream.release();
                    return "ready after " + Report.seconds(Duration.ofNanos(System.nanoTime() - t)) + ", " + sent;
                });
                c.report().require("five eighths of the mails stored, the stream going on", () -> {
                    Ledger.Status s = Waits.until(
                            Duration.ofSeconds(120),
                            "five eighths stored",
                            () -> c.ledger().safely(stream.sent()),
                            x -> x != null && x.storedOnce() >= n * 5 / 8);
                    return s.toString();
                });
                List<Mailer> killedAgain = new ArrayList<>();
                c.report()
                        .require(
                                "kill -9 of each new holder while mail arrives: the restarted instance takes over",
                                () -> {
                                    String left = stillToCome(c, stream, n);
                                    if (stream.count() >= n) {
                                        throw new AssertionError(
                                                "the stream had ended before the second kill: " + left);
                                    }
                                    return takeover(pairs, killedAgain) + "; " + left;
                                });
                stream.awaitAll(Duration.ofSeconds(180));
                mails = stream.sent();
            }
            List<Traffic.Sent> all = mails;
            Ledger.Status[] end = new Ledger.Status[1];
            long t = System.nanoTime();
            c.report().check("every mail processed", () -> {
                end[0] = c.ledger().awaitComplete(all, Duration.ofSeconds(240));
                return "complete " + Report.seconds(Duration.ofNanos(System.nanoTime() - t)) + " after the last mail";
            });
            Ledger.Status s = end[0] != null ? end[0] : c.ledger().of(all);
            c.report()
                    .check(
                            "0 lost, 0 stored twice",
                            () -> Recovery.expect(
                                    s.storedOnce() == n && s.storedMore() == 0,
                                    s,
                                    s.storedOnce() + "/" + n + " once, " + s.storedMore() + " more than once"));
            c.report()
                    .check(
                            "every mail classified",
                            () -> Recovery.expect(s.classified() == n, s, s.classified() + "/" + n));
            int templates = s.templates();
            c.report()
                    .check(
                            "one reply per mail: sent for template mail, a draft waiting for AI-draft mail",
                            () -> Recovery.expect(
                                    s.repliesQueued() == n
                                            && s.repliesSent() == templates
                                            && s.drafts() == s.draftsExpected(),
                                    s,
                                    s.repliesQueued() + "/" + n + " queued, " + s.repliesSent() + "/" + templates
                                            + " marked sent, " + s.drafts() + "/" + s.draftsExpected()
                                            + " drafts waiting (ai " + s.draftsByAi() + ")"));
            c.report()
                    .check(
                            "0 replies sent twice (each received once by In-Reply-To), no draft sent",
                            () -> Recovery.expect(
                                    s.deliveredOnce() == templates
                                            && s.deliveredMore() == 0
                                            && s.draftsDelivered() == 0,
                                    s,
                                    s.deliveredOnce() + "/" + templates + " once, " + s.deliveredMore()
                                            + " more than once, " + s.draftsDelivered() + " drafts sent"));
            c.report().check("every mail carries its labels once in the mailbox (IMAP), none missing", () -> {
                long t0 = System.nanoTime();
                Waits.until(
                        Duration.ofSeconds(120),
                        "every mail's labels recorded",
                        () -> due(c, all, MailboxCopies::labelsDue),
                        d -> d == 0);
                String after = "labelled " + Report.seconds(Duration.ofNanos(System.nanoTime() - t0)) + " later: ";
                return after + expect(perMailer(c, all, MailboxCopies::labels), MailboxCopies.Labels::complete);
            });
            c.report().check("every draft is in the Drafts folder once (IMAP, by Message-ID), none missing", () -> {
                Waits.until(
                        Duration.ofSeconds(120),
                        "every draft's copy recorded",
                        () -> due(c, all, MailboxCopies::draftsDue),
                        d -> d == 0);
                return expect(perMailer(c, all, MailboxCopies::drafts), MailboxCopies.Drafts::complete);
            });
        } finally {
            restore(pairs);
        }
    }

    /** How each mailer's mailbox shows what it wrote for its part of {@code mails}. */
    private interface Count<T> {
        T of(dev.LocalMailServer server, Mailer mailer, List<Traffic.Sent> mails)
                throws jakarta.mail.MessagingException;
    }

    private static <T> List<T> perMailer(Context c, List<Traffic.Sent> mails, Count<T> count) {
        List<T> counts = new ArrayList<>();
        try {
            for (Mailer m : c.stack().mailers()) {
                counts.add(count.of(
                        c.stack().mail,
                        m,
                        mails.stream().filter(s -> s.to() == m).toList()));
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** The database's count of what is still due, summed over the mailers. */
    private static long due(
            Context c, List<Traffic.Sent> mails, java.util.function.ToLongBiFunction<Mailer, List<Traffic.Sent>> due) {
        long sum = 0;
        for (Mailer m : c.stack().mailers()) {
            sum += due.applyAsLong(m, mails.stream().filter(s -> s.to() == m).toList());
        }
        return sum;
    }

    private static <T> String expect(List<T> counts, java.util.function.Predicate<T> complete) {
        String figures = counts.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("; "));
        if (!counts.stream().allMatch(complete)) {
            throw new AssertionError(figures);
        }
        return figures;
    }

    /**
     * Kills each pair's holder and waits until the other instance holds; returns the takeover times. Each kill waits
     * up to {@link #PASS_WAIT} for the holder to be in a labels or Drafts pass (its lease row), so the kill cuts a
     * pass that writes to the mailbox whenever one can be caught: the report says which pass it cut.
     */
    private static String takeover(List<Pair> pairs, List<Mailer> killed) {
        List<Mailer> holders = new ArrayList<>();
        for (Pair p : pairs) {
            holders.add(Waits.until(Duration.ofSeconds(30), p.first.name() + ": a holder", p::holder, h -> h != null));
        }
        List<CompletableFuture<String>> takeovers = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            Mailer h = holders.get(i);
            Mailer standby = pairs.get(i).other(h);
            List<String> passes;
            try {
                passes = Waits.until(PASS_WAIT, "a mailbox pass", h::passesRunning, l -> !l.isEmpty());
            } catch (AssertionError none) {
                passes = List.of();
            }
            long at = System.nanoTime();
            h.kill();
            killed.add(h);
            cut.add(h.name() + (passes.isEmpty() ? " in no pass" : " in " + String.join(", ", passes)));
            // timed from its own kill, while the next mailer's holder is waited for
            takeovers.add(CompletableFuture.supplyAsync(() -> {
                Waits.until(
                        Duration.ofSeconds(60), standby.name() + ": the standby holds the lease", standby::holdsLease);
                return standby.name() + " " + Report.seconds(Duration.ofNanos(System.nanoTime() - at));
            }));
        }
        List<String> times = takeovers.stream().map(CompletableFuture::join).toList();
        return "killed " + String.join(", ", cut) + "; takeover after the kill: " + String.join(", ", times)
                + " (lease time 6 s)";
    }

    /** At a kill: how many mails were sent and stored, so the report shows the kill landed mid-stream. */
    private static String stillToCome(Context c, MailStream stream, int n) {
        int sent = stream.count();
        Ledger.Status s = c.ledger().safely(stream.sent());
        return "at the kill " + sent + " of " + n + " sent, " + (s == null ? "?" : String.valueOf(s.storedOnce()))
                + " stored";
    }

    /** As the other scenarios expect the stack: the first instance of each mailer running, the second stopped. */
    private static void restore(List<Pair> pairs) {
        for (Pair p : pairs) {
            if (p.second.alive()) {
                p.second.stop();
            }
            if (!p.first.alive()) {
                p.first.start();
            }
        }
        all(pairs, p -> p.first.awaitReady(READY));
    }

    private static <T> void all(List<T> items, java.util.function.Consumer<T> action) {
        CompletableFuture.allOf(items.stream()
                        .map(i -> CompletableFuture.runAsync(() -> action.accept(i)))
                        .toArray(CompletableFuture[]::new))
                .join();
    }
}
