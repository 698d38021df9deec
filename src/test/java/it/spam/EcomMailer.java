package it.spam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.DevStack;
import dev.LibertyServer;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;

/**
 * The shop's mailer beside the shared stack, as compose runs ecom-mailer beside praxis-mailer: the
 * build's Liberty server once more with {@code MP_CONFIG_PROFILE=ecom}, its own database and mailbox
 * on the same PostgreSQL and mail server, its own output directory and its own Ollama stand-in.
 */
final class EcomMailer implements AutoCloseable {

    static final MailerAccount ACCOUNT = MailerAccount.ECOM;

    private final DevStack stack;
    private final OllamaStandIn ollama;
    private final LibertyServer liberty;
    private final int httpPort = DevStack.port(0);
    private final Db db;

    EcomMailer(DevStack stack) {
        this.stack = stack;
        try {
            this.ollama = new OllamaStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path work = Path.of(System.getProperty("it.work.dir", "target/it"))
                .toAbsolutePath()
                .resolve("ecom");
        Path wlp =
                Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        ACCOUNT.provision(stack.postgres(), stack.mail());
        int clamd = Integer.parseInt(stack.env().get("MAILER_ATTACHMENT_CLAMD_PORT"));
        Map<String, String> env = new HashMap<>(ACCOUNT.env(
                work,
                new MailerAccount.Ports(
                        httpPort,
                        DevStack.port(0),
                        stack.postgres().port(),
                        stack.mail().imapPort(),
                        stack.mail().smtpPort(),
                        clamd),
                ollama.url()));
        env.putAll(ItStack.SETTINGS);
        this.liberty = new LibertyServer(wlp, System.getProperty("it.server", "mailer"), work.resolve("liberty"), env);
        this.db = new Db(stack.postgres(), ACCOUNT);
    }

    EcomMailer start(Duration readyWithin) {
        liberty.start();
        Waits.until(readyWithin, "ecom-mailer ready (logs: " + liberty.logs() + ")", () -> {
            if (liberty.process().map(p -> !p.isAlive()).orElse(true)) {
                throw new IllegalStateException("ecom-mailer exited; see " + liberty.logs());
            }
            return Http.get(url() + "/health/ready").status() == 200;
        });
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    OllamaStandIn ollama() {
        return ollama;
    }

    Db db() {
        return db;
    }

    DevStack stack() {
        return stack;
    }

    @Override
    public void close() {
        try {
            liberty.stop();
        } finally {
            ollama.close();
        }
    }
}
