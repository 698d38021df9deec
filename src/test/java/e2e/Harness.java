package e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system under test, natively, in one command (test/integration-test.sh): starts both
 * mailers with everything they need on free loopback ports, runs the scenarios named (all by
 * default), stops everything it started, prints {@code N passed, N failed} and exits 1 on any failure.
 * <p>
 * {@code e2e.Harness [--list] [--outage=SECONDS|seen] [--recovery-mails=N] [--load-mails=N] [--scale-mails=N] [scenario ...]}
 */
public final class Harness {

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        for (Scenario s : List.of(
                new MailFlow(),
                new Attachments(),
                new Load(),
                new Recovery(),
                new Faults(),
                new Monitoring(),
                new Isolation(),
                new Scale())) {
            SCENARIOS.put(s.name(), s);
        }
    }

    public static void main(String[] args) throws Exception {
        // GreenMail's connection threads die with a stack trace when a killed mailer cuts its connection: one line will
        // do
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("INFO  -           thread " + t.getName()
                + " ended: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")")));
        // "seen" (the default): each outage lasts until both mailers show it, then Faults.MARGIN (at most
        // Faults.LONGEST); or a number of seconds, e.g. --outage=30
        Duration outage = outage(System.getProperty("e2e.outage", "seen"));
        int recoveryMails = Integer.getInteger("e2e.recovery.mails", 300);
        int loadMails = Integer.getInteger("e2e.load.mails", 50);
        int scaleMails = Integer.getInteger("e2e.scale.mails", 1000);
        List<Scenario> chosen = new ArrayList<>();
        // ./mvnw verify -De2e.args="recovery faults" arrives as one argument, or as an empty one
        List<String> words = java.util.Arrays.stream(args)
                .flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+")))
                .filter(a -> !a.isEmpty())
                .toList();
        for (String a : words) {
            if (a.equals("--list")) {
                SCENARIOS.values().forEach(s -> System.out.printf("%-12s %s%n", s.name(), s.proves()));
                return;
            } else if (a.startsWith("--outage=")) {
                outage = outage(a.substring("--outage=".length()));
            } else if (a.startsWith("--recovery-mails=")) {
                recoveryMails = Integer.parseInt(a.substring("--recovery-mails=".length()));
            } else if (a.startsWith("--load-mails=")) {
                loadMails = Integer.parseInt(a.substring("--load-mails=".length()));
            } else if (a.startsWith("--scale-mails=")) {
                scaleMails = Integer.parseInt(a.substring("--scale-mails=".length()));
            } else if (SCENARIOS.containsKey(a)) {
                chosen.add(SCENARIOS.get(a));
            } else {
                System.err.println("unknown scenario or option '" + a + "'; scenarios: " + SCENARIOS.keySet()
                        + ", options: --list --outage=SECONDS|seen --recovery-mails=N --load-mails=N --scale-mails=N");
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            SCENARIOS.values().stream().filter(Scenario::byDefault).forEach(chosen::add);
        }
        // run order is the table's, whatever the order of the arguments: later scenarios reuse what earlier ones sent
        List<Scenario> run =
                SCENARIOS.values().stream().filter(chosen::contains).toList();
        System.exit(run(run, new Scenario.Options(outage, recoveryMails, loadMails, scaleMails)));
    }

    /** {@code --outage=}: seconds, or {@code seen} (null: until both mailers show the outage, then Faults.MARGIN). */
    static Duration outage(String value) {
        return value.equals("seen") ? null : Duration.ofSeconds(Long.parseLong(value));
    }

    static int run(List<Scenario> scenarios, Scenario.Options options) throws java.io.IOException {
        long start = System.nanoTime();
        Report report = new Report();
        Path wlp =
                Path.of(System.getProperty("e2e.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        Path work = Path.of(System.getProperty("e2e.work.dir", "target/e2e")).toAbsolutePath();
        report.scenario("stack");
        Files.deleteIfExists(work.resolve("summary.txt"));
        if (!Files.isDirectory(wlp.resolve("usr/servers/mailer"))) {
            report.fail(
                    "the Liberty server",
                    new IllegalStateException(wlp + "/usr/servers/mailer is missing: ./mvnw package"));
            return summary(report, start);
        }
        if (!E2eStack.installed()) {
            report.fail(
                    "clamd and Prometheus",
                    new IllegalStateException(
                            "apt-get install clamav-daemon prometheus prometheus-node-exporter prometheus-postgres-exporter"));
            return summary(report, start);
        }
        E2eStack stack = new E2eStack(work, wlp, options.outage() == null ? Faults.LONGEST : options.outage());
        Thread stop = new Thread(
                () -> {
                    System.out.println("INFO  stack       interrupted: stopping everything the harness started");
                    stack.close();
                },
                "e2e-stop");
        // Ctrl-C or a kill of the harness: everything it started is stopped all the same
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            report.info("scenarios " + scenarios.stream().map(Scenario::name).toList() + ", outage "
                    + (options.outage() == null
                            ? "until seen on both mailers + " + Faults.MARGIN.toSeconds() + " s"
                            : options.outage().toSeconds() + " s")
                    + ", recovery run " + options.recoveryMails() + " mails, load "
                    + options.loadMails() + " mails; work dir " + work);
            boolean up = report.check(
                    "PostgreSQL (praxis, ecom), GreenMail (2 mailboxes), clamd, Ollama stand-in, Prometheus,"
                            + " praxis-mailer and ecom-mailer started",
                    () -> "both mailers ready after " + Report.seconds(stack.start()) + "; Prometheus "
                            + stack.prometheus.url() + ", praxis " + stack.praxis.url() + ", ecom " + stack.ecom.url());
            if (up) {
                Traffic traffic = new Traffic(stack.mail);
                Scenario.Context context =
                        new Scenario.Context(stack, traffic, new Ledger(stack.mail), report, options);
                for (Scenario s : scenarios) {
                    runOne(s, context);
                }
            }
        } finally {
            report.scenario("stack");
            long t = System.nanoTime();
            stack.close();
            report.info("everything stopped in " + Report.seconds(Duration.ofNanos(System.nanoTime() - t)));
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return summary(report, start);
    }

    private static void runOne(Scenario s, Scenario.Context c) {
        c.report().scenario(s.name());
        c.report().info("-- " + s.proves());
        long t = System.nanoTime();
        try {
            s.run(c);
        } catch (Report.Abort e) {
            c.report().info("stopped after the failed step above");
        } catch (Exception | AssertionError e) {
            c.report().fail("the scenario threw", e);
        }
        c.report().info("took " + Report.seconds(Duration.ofNanos(System.nanoTime() - t)));
    }

    private static int summary(Report report, long start) {
        String line = String.format(
                "%d passed, %d failed (%s)",
                report.passed(), report.failed(), Report.seconds(Duration.ofNanos(System.nanoTime() - start)));
        System.out.println(line);
        try {
            // for CI: proof that the harness ran, and its verdict
            Path file = Path.of(System.getProperty("e2e.work.dir", "target/e2e"), "summary.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n");
        } catch (java.io.IOException e) {
            System.err.println("cannot write the summary file: " + e);
        }
        return report.failed() == 0 ? 0 : 1;
    }
}
