package e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** E2E 4: mails sent all at once (one SMTP connection each) are all processed; the time is reported. */
final class Load implements Scenario {

    /** The review seed's bar for 50 mails. */
    static final Duration BAR = Duration.ofSeconds(150);

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String proves() {
        return "E2E 4: 50 mails sent concurrently (both mailers) are all stored, classified and answered once;"
                + " the time against the target of 150 s";
    }

    @Override
    public void run(Context c) throws Exception {
        int n = c.options().loadMails();
        List<Traffic.Sent> mails = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        try {
            List<Callable<Traffic.Sent>> sends = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Mailer to = c.stack().mailers().get(i % 2);
                sends.add(() -> c.traffic().send(to, "load", Traffic.Attachment.NONE));
            }
            c.report().require(n + " mails sent over " + n + " concurrent SMTP connections", () -> {
                for (Future<Traffic.Sent> f : pool.invokeAll(sends)) {
                    mails.add(f.get());
                }
                return "in " + Report.seconds(Duration.ofNanos(System.nanoTime() - start));
            });
        } finally {
            pool.shutdownNow();
        }
        c.report()
                .check(
                        "all " + n + " stored, classified and answered exactly once within the target of "
                                + Report.seconds(BAR),
                        () -> {
                            dev.Waits.until(
                                    BAR, "all stored", () -> c.ledger().safely(mails), s -> s != null && s.stored());
                            Duration stored = Duration.ofNanos(System.nanoTime() - start);
                            dev.Waits.until(
                                    BAR,
                                    "all classified",
                                    () -> c.ledger().safely(mails),
                                    s -> s != null && s.classified() == n);
                            Duration classified = Duration.ofNanos(System.nanoTime() - start);
                            Ledger.Status s = c.ledger().awaitComplete(mails, BAR.minus(classified));
                            Duration took = Duration.ofNanos(System.nanoTime() - start);
                            return "all stored after " + Report.seconds(stored) + ", classified after "
                                    + Report.seconds(classified) + ", every reply received after "
                                    + Report.seconds(took) + " (" + s + ")";
                        });
    }
}
