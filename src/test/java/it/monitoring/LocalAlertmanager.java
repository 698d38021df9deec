package it.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.DevStack;
import dev.Waits;
import it.support.Http;

/**
 * Debian's real Alertmanager on a free loopback port, started by the stack's own entry point
 * ({@code monitoring/alertmanager-start.sh}) with the stack's own {@code alertmanager.yml} and mail
 * template. Only what the container gives them differs: the paths of the mounted files, the secret
 * and the binary, and the {@code ALERT_*} settings, which point at the test's mail server.
 */
public final class LocalAlertmanager implements AutoCloseable {

    public static final String BINARY = "/usr/bin/prometheus-alertmanager";
    static final Path MONITORING = Path.of("monitoring");

    private final Daemon daemon;
    private final int port;

    private LocalAlertmanager(Daemon daemon, int port) {
        this.daemon = daemon;
        this.port = port;
    }

    /** Alert mail goes over SMTP to {@code smtp} (host:port, no login, no TLS) for {@code to}. */
    public static LocalAlertmanager start(Path workDir, String smtp, String to) {
        int port = DevStack.port(0);
        Path etc = workDir.resolve("etc");
        Path script = etc.resolve("alertmanager-start.sh");
        try {
            Files.createDirectories(etc);
            Files.writeString(etc.resolve("alert_smtp_password"), "");
            Files.copy(MONITORING.resolve("alert-mail.tmpl"), etc.resolve("alert-mail.tmpl"));
            Files.writeString(etc.resolve("alertmanager.yml"), mounted(read("alertmanager.yml"), etc));
            Files.writeString(
                    script,
                    mounted(read("alertmanager-start.sh"), etc)
                            .replace(
                                    "/tmp/alertmanager.yml",
                                    workDir.resolve("alertmanager.yml").toString())
                            .replace("exec /bin/alertmanager", "exec " + BINARY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Daemon d = Daemon.start(
                "alertmanager",
                List.of(
                        "/bin/sh",
                        script.toString(),
                        "--storage.path=" + workDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        // no gossip port for a high-availability pair (it would listen on every interface)
                        "--cluster.listen-address=",
                        "--log.level=debug"),
                Map.of(
                        "ALERT_SMTP_HOST", smtp,
                        "ALERT_MAIL_TO", to,
                        "ALERT_MAIL_FROM", "alertmanager@docker-agents.local",
                        "ALERT_SMTP_USER", "",
                        "ALERT_SMTP_REQUIRE_TLS", "false"),
                workDir);
        LocalAlertmanager am = new LocalAlertmanager(d, port);
        try {
            Waits.until(
                    Duration.ofSeconds(30),
                    "Alertmanager ready: " + d.describe(),
                    () -> d.alive() && Http.get(am.url() + "/-/ready").status() == 200);
        } catch (AssertionError | RuntimeException e) {
            d.close();
            throw e;
        }
        return am;
    }

    /** Where compose.yml mounts the files and the secret, here: the work directory. */
    private static String mounted(String text, Path etc) {
        return text.replace("/etc/docker-agents/", etc + "/")
                .replace(
                        "/run/secrets/alert_smtp_password",
                        etc.resolve("alert_smtp_password").toString());
    }

    private static String read(String file) throws IOException {
        return Files.readString(MONITORING.resolve(file));
    }

    /** host:port, for Prometheus's alerting configuration. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String url() {
        return "http://" + address();
    }

    public String describe() {
        return daemon.describe();
    }

    @Override
    public void close() {
        daemon.close();
    }
}
