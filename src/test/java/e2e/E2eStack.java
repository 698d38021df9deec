package e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.DevStack;
import dev.LocalClamd;
import dev.LocalMailServer;
import dev.LocalPostgres;
import dev.MailerAccount;
import it.monitoring.Daemon;
import it.monitoring.Exporters;
import it.monitoring.LocalPrometheus;

/**
 * The whole system on loopback ports of its own: one PostgreSQL with both mailers' databases, one
 * IMAP/SMTP server with both mailboxes, clamd with the EICAR signature, the Ollama stand-in, both
 * mailers (one Liberty server definition, two processes) and Prometheus scraping them with the
 * stack's alert rules. {@link #close()} stops everything it started, in reverse order.
 */
final class E2eStack implements AutoCloseable {

    static final Duration READY = Duration.ofMinutes(3);

    final Path work;
    final LocalPostgres postgres;
    final LocalMailServer mail;
    final Model model = new Model();
    final int clamdPort = DevStack.port(0);
    LocalClamd clamd;
    final Mailer praxis;
    final Mailer ecom;
    LocalPrometheus prometheus;
    final List<LocalPrometheus.Job> jobs = new ArrayList<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    E2eStack(Path work, Path wlp, Duration outage) throws IOException {
        this.work = work;
        // a fresh run: new databases, logs and files; zonky's unpacked binaries (postgres/pgbin) are kept
        deleteTree(work.resolve("postgres/pgdata"));
        for (String dir : List.of(
                MailerAccount.PRAXIS.profile(),
                MailerAccount.ECOM.profile(),
                MailerAccount.PRAXIS.profile() + "-2",
                MailerAccount.ECOM.profile() + "-2",
                "clamd",
                "prometheus")) {
            deleteTree(work.resolve(dir));
        }
        this.postgres = new LocalPostgres(work.resolve("postgres"), DevStack.port(0));
        this.mail = new LocalMailServer(DevStack.port(0), DevStack.port(0));
        this.praxis = mailer(MailerAccount.PRAXIS, wlp, outage);
        this.ecom = mailer(MailerAccount.ECOM, wlp, outage);
    }

    private Mailer mailer(MailerAccount account, Path wlp, Duration outage) {
        int http = DevStack.port(0);
        Path dir = work.resolve(account.profile());
        Map<String, String> env = new java.util.HashMap<>(account.env(
                dir,
                new MailerAccount.Ports(
                        http, DevStack.port(0), postgres.port(), mail.imapPort(), mail.smtpPort(), clamdPort),
                model.url()));
        env.putAll(Mailer.testEnv(outage));
        env.put("MAILER_INSTANCE_ID", account.profile() + "-mailer");
        // labels both ways: the practice's as label folders (Gmail's way: a COPY per label, which could be made
        // twice), the shop's as IMAP keywords (what mailer.labels.mode=auto picks on GreenMail)
        if (account == MailerAccount.PRAXIS) {
            env.put("MAILER_LABELS_MODE", "folders");
        }
        return new Mailer(account, http, wlp, dir, env, postgres);
    }

    List<Mailer> mailers() {
        return List.of(praxis, ecom);
    }

    /** Starts everything and waits until both mailers are ready; returns how long the mailers took. */
    Duration start() throws IOException {
        clamd = LocalClamd.start(work.resolve("clamd"), 52_428_800, clamdPort);
        started.push(clamd);
        postgres.start();
        started.push(postgres);
        mail.start();
        started.push(mail);
        model.start();
        started.push(model);
        for (Mailer m : mailers()) {
            m.account().provision(postgres, mail);
        }
        Path prom = Files.createDirectories(work.resolve("prometheus"));
        for (Mailer m : mailers()) {
            // the labels compose's DNS discovery and relabelling give each mailer's series
            jobs.add(new LocalPrometheus.Job(
                    "mailer",
                    "127.0.0.1:" + m.httpPort(),
                    Map.of("mailer", m.name(), "instance", m.name() + "-mailer:9080")));
        }
        jobs.addAll(Exporters.start(prom, postgres.port(), started));
        prometheus = LocalPrometheus.start(
                prom, Path.of("monitoring/prometheus-rules.yml").toAbsolutePath(), jobs);
        started.push(prometheus);
        long t0 = System.nanoTime();
        for (Mailer m : mailers()) {
            m.start();
            started.push(m::stop);
        }
        awaitReady();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** A further instance a scenario started: stopped with the stack, also when the run is cut short. */
    void own(Mailer instance) {
        started.push(() -> {
            if (instance.alive()) {
                try {
                    instance.stop();
                } catch (RuntimeException e) {
                    instance.kill();
                }
            }
        });
    }

    /** Both mailers ready, waited for side by side. */
    void awaitReady() {
        CompletableFuture<?>[] waits = mailers().stream()
                .map(m -> CompletableFuture.runAsync(() -> m.awaitReady(READY)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(waits).join();
    }

    static boolean installed() {
        return Daemon.installed(LocalClamd.CLAMD) && Daemon.installed(LocalPrometheus.BINARY);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the mailers first and side by side: each takes a few seconds to shut down cleanly
        CompletableFuture.allOf(mailers().stream()
                        .map(m -> CompletableFuture.runAsync(() -> {
                            try {
                                m.stop();
                            } catch (RuntimeException e) {
                                m.kill();
                            }
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
