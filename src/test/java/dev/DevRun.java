package dev;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The README's run command: praxis-mailer on http://localhost:9080 with a local PostgreSQL and a
 * local dev mailbox (IMAP 3143, SMTP 3025). Ctrl-C stops all of it.
 */
public final class DevRun {

    public static void main(String[] args) throws Exception {
        int http = Integer.getInteger("dev.http.port", 9080);
        int imap = Integer.getInteger("dev.imap.port", 3143);
        int smtp = Integer.getInteger("dev.smtp.port", 3025);
        int pg = Integer.getInteger("dev.pg.port", 0);
        for (var p : Map.of("dev.http.port", http, "dev.imap.port", imap, "dev.smtp.port", smtp)
                .entrySet()) {
            if (!free(p.getValue())) {
                System.err.printf(
                        "Port %d is taken (another program listens on it). Free it or choose another: "
                                + "./mvnw -Prun -D%s=<port>%n",
                        p.getValue(), p.getKey());
                System.exit(1);
            }
        }
        Path work = Path.of(System.getProperty("dev.work.dir", "target/dev")).toAbsolutePath();
        Path wlp =
                Path.of(System.getProperty("dev.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        DevStack stack = new DevStack(new DevStack.Options(
                work, wlp, System.getProperty("dev.server", "mailer"), http, pg, imap, smtp, overrides()));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the mailer, the mail server and PostgreSQL ...");
                            stack.close();
                        },
                        "dev-stop"));
        stack.startServices();
        boolean clamd = stack.clamd() != null;
        Process server = stack.liberty().startInForeground();
        // without clamd the mailer runs, but is not ready: attachments wait, unscanned, for a scanner
        stack.await(clamd ? "/health/ready" : "/health/started", Duration.ofMinutes(3));
        if (!clamd) {
            System.out.println("\nClamAV is not installed: attachments stay 'pending' until it is"
                    + " (sudo apt-get install clamav-daemon), and /health/ready reports clamd DOWN.");
        }
        System.out.printf(
                """

                praxis-mailer is ready: %s   (health %s/health, metrics %s/metrics)
                Ollama: %s (a local stand-in unless MAILER_OLLAMA_URL names a real one).
                Dev mailbox %s -- login '%s', password '%s'
                  IMAP 127.0.0.1:%d (plain), SMTP 127.0.0.1:%d; send a mail to %s and it is stored within 5 s.
                PostgreSQL 127.0.0.1:%d, database %s, user %s, password %s
                Ctrl-C stops everything.
                %n""",
                stack.baseUrl(),
                stack.baseUrl(),
                stack.baseUrl(),
                stack.env().get("MAILER_OLLAMA_URL"),
                DevStack.MAILBOX,
                DevStack.LOGIN,
                DevStack.PASSWORD,
                imap,
                smtp,
                DevStack.MAILBOX,
                stack.postgres().port(),
                DevStack.DB_NAME,
                DevStack.DB_USER,
                DevStack.DB_PASSWORD);
        System.exit(server.waitFor());
    }

    /** Readable logs for a person; a real Ollama when MAILER_OLLAMA_URL names one. */
    private static Map<String, String> overrides() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("LOG_CONSOLE_FORMAT", "simple"));
        String ollama = System.getenv("MAILER_OLLAMA_URL");
        if (ollama != null && !ollama.isBlank()) {
            env.put("MAILER_OLLAMA_URL", ollama);
        }
        return env;
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
