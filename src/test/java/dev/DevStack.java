package dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one mailer needs, started natively on loopback: a real PostgreSQL, a real IMAP/SMTP
 * server with a mailbox, and the Liberty server running the WAR. Used by the README's run command
 * and by the integration tests. Secrets reach the server the way they do in production: as files.
 */
public final class DevStack implements AutoCloseable {

    public static final MailerAccount ACCOUNT = MailerAccount.PRAXIS;
    public static final String MAILBOX = ACCOUNT.mailbox();
    public static final String LOGIN = ACCOUNT.login();
    public static final String PASSWORD = ACCOUNT.password();
    public static final String DB_NAME = ACCOUNT.dbName();
    public static final String DB_USER = ACCOUNT.dbUser();
    public static final String DB_PASSWORD = ACCOUNT.dbPassword();
    /** Users of the review page and API (roles admin and staff), written as secret files like db.password. */
    public static final String REVIEW_ADMIN = MailerAccount.REVIEW_ADMIN;

    public static final String REVIEW_ADMIN_PASSWORD = MailerAccount.REVIEW_ADMIN_PASSWORD;
    public static final String REVIEW_STAFF = MailerAccount.REVIEW_STAFF;
    public static final String REVIEW_STAFF_PASSWORD = MailerAccount.REVIEW_STAFF_PASSWORD;

    /** Where and how to start; ports of 0 are chosen free. */
    public record Options(
            Path workDir,
            Path wlp,
            String server,
            int httpPort,
            int pgPort,
            int imapPort,
            int smtpPort,
            Map<String, String> env) {}

    private final Options options;
    private final int httpPort;
    private final LocalPostgres postgres;
    private final LocalMailServer mail;
    private final LibertyServer liberty;
    private final OllamaStandIn ollama;
    private LocalClamd clamd;
    private final int clamdPort;
    private final Map<String, String> env = new HashMap<>();

    public DevStack(Options o) {
        this.options = o;
        this.httpPort = port(o.httpPort());
        this.postgres = new LocalPostgres(o.workDir(), port(o.pgPort()));
        this.mail = new LocalMailServer(port(o.imapPort()), port(o.smtpPort()));
        this.clamdPort = port(0);
        try {
            this.ollama = new OllamaStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.putAll(ACCOUNT.env(
                o.workDir(),
                new MailerAccount.Ports(
                        httpPort, port(0), postgres.port(), mail.imapPort(), mail.smtpPort(), clamdPort),
                ollama.url()));
        env.putAll(o.env());
        this.liberty = new LibertyServer(o.wlp(), o.server(), o.workDir().resolve("liberty"), env);
    }

    public void startServices() {
        startClamd();
        postgres.start();
        mail.start();
        ACCOUNT.provision(postgres, mail);
    }

    /** Debian's clamd with the EICAR test signature, on the port the mailer was told; false if not installed. */
    public boolean startClamd() {
        if (clamd != null) {
            return true;
        }
        try {
            clamd = LocalClamd.start(options.workDir().resolve("clamd"), 52_428_800, clamdPort);
            return true;
        } catch (IllegalStateException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalClamd clamd() {
        return clamd;
    }

    /** The Ollama stand-in the mailer talks to; it answers like a small, healthy model by default. */
    public OllamaStandIn ollama() {
        return ollama;
    }

    public void startMailer(Duration readyWithin) {
        liberty.start();
        awaitReady(readyWithin);
    }

    public void awaitReady(Duration within) {
        await("/health/ready", within);
    }

    /** Waits until the health endpoint at this path answers 200. */
    public void await(String healthPath, Duration within) {
        Instant deadline = Instant.now().plus(within);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            if (liberty.process().map(p -> !p.isAlive()).orElse(true)) {
                throw new IllegalStateException("the mailer exited with code "
                        + liberty.process().map(Process::exitValue).orElse(-1) + "; see " + liberty.logs());
            }
            try {
                last = http.send(
                                HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Waits.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                "the mailer was not ready within " + within + " (last status " + last + "); see " + liberty.logs());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalMailServer mail() {
        return mail;
    }

    public LibertyServer liberty() {
        return liberty;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public Options options() {
        return options;
    }

    @Override
    public void close() {
        try {
            liberty.stop();
        } finally {
            try {
                mail.close();
                ollama.close();
                if (clamd != null) {
                    clamd.close();
                }
            } finally {
                postgres.close();
            }
        }
    }

    /** A port the OS says is free now (0), or the one asked for. */
    public static int port(int wanted) {
        if (wanted != 0) {
            return wanted;
        }
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
