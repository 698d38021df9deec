package it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.DevStack;
import dev.LibertyServer;
import dev.MailerAccount;
import dev.Waits;

/**
 * A further mailer beside the shared one ({@link ItStack}), for tests that need other settings or a mailbox
 * and database of their own: the build's Liberty server with its own output directory, its own account (a
 * database and a mailbox on the shared PostgreSQL and mail server, created here) and the shared tuning, with
 * overrides (e.g. another IMAP server). Stopped on {@link #close()}.
 */
public final class SecondMailer implements AutoCloseable {

    private final MailerAccount account;
    private final DevStack stack;
    private final int httpPort = DevStack.port(0);
    private final LibertyServer liberty;

    /** {@code name}: its directory under the stack's work directory; {@code ollamaUrl}: its model. */
    public SecondMailer(
            DevStack stack, String name, MailerAccount account, String ollamaUrl, Map<String, String> overrides) {
        this.stack = stack;
        this.account = account;
        account.provision(stack.postgres(), stack.mail());
        Path dir = stack.options().workDir().resolve("second").resolve(name);
        Map<String, String> shared = stack.env();
        Map<String, String> env = new HashMap<>(account.env(
                dir,
                new MailerAccount.Ports(
                        httpPort,
                        DevStack.port(0),
                        stack.postgres().port(),
                        stack.mail().imapPort(),
                        stack.mail().smtpPort(),
                        Integer.parseInt(shared.get("MAILER_ATTACHMENT_CLAMD_PORT"))),
                ollamaUrl));
        env.putAll(ItStack.SETTINGS);
        env.putAll(overrides);
        this.liberty = new LibertyServer(stack.options().wlp(), stack.options().server(), dir.resolve("liberty"), env);
    }

    /** Starts it and waits until it is ready (its first poll succeeded). */
    public SecondMailer start(Duration within) {
        liberty.start();
        return awaitReady(within);
    }

    /** Waits until the started server is ready; throws when it exited. */
    public SecondMailer awaitReady(Duration within) {
        Waits.until(within, "the mailer " + account.login() + " is ready (see " + liberty.logs() + ")", () -> {
            if (liberty.process().map(p -> !p.isAlive()).orElse(true)) {
                throw new IllegalStateException("the mailer exited; see " + liberty.logs());
            }
            try {
                return Http.get(baseUrl() + "/health/ready").status() == 200;
            } catch (RuntimeException e) {
                return false; // not listening yet
            }
        });
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public MailerAccount account() {
        return account;
    }

    /** Its database, with its own role. */
    public Db db() {
        return new Db(stack.postgres(), account);
    }

    public LibertyServer liberty() {
        return liberty;
    }

    @Override
    public void close() {
        liberty.stop();
    }
}
