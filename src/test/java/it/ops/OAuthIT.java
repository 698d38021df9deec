package it.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.LibertyServer;
import dev.LocalDovecot;
import dev.LocalTokenEndpoint;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IMAP and SMTP with SASL XOAUTH2 against GreenMail (which takes the access token where a password would go:
 * the test sets the mailbox's password to each token the local token endpoint issues, so only the newest
 * token logs in), with a token endpoint started here that grants tokens for seconds and rotates the refresh
 * token: tokens are renewed as they expire while mail is still fetched and answered; a restart logs in with
 * the newest refresh token, kept on the mailer's volume (the secret's first one is refused by then); a revoked refresh token makes the mailer not ready,
 * with the endpoint's reason; revoked before the start, it exits with code 1 and the reason.
 */
class OAuthIT {

    /** Logs in with its address, as Gmail and Microsoft 365 mailboxes do. */
    static final MailerAccount ACCOUNT = new MailerAccount(
            "praxis",
            "oauth@mailer.test",
            "oauth@mailer.test",
            "oauth-password-never-used",
            "praxis_oauth",
            "praxis_oauth_mailer",
            "oauth-db-password");

    /** The model's verdict: a repeat prescription, whose reply is a template sent at once. */
    static final String PRESCRIPTION = "{\"category\":\"prescription\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Folgerezept erbeten\",\"needs_reply\":true,\"confidence\":0.9}";

    static final String REVOKED = "invalid_grant: Token has been expired or revoked.";

    /** Access tokens live 6 s (so each is used for 3 s: half, since the 5 min margin is longer). */
    static final long LIFETIME_SECONDS = 6;

    static Map<String, String> oauth(LocalTokenEndpoint endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("MAILER_IMAP_AUTH", "xoauth2");
        env.put("MAILER_OAUTH_TOKEN_ENDPOINT", endpoint.uri().toString());
        env.put("MAILER_OAUTH_CLIENT_ID", LocalTokenEndpoint.CLIENT_ID);
        return env;
    }

    @Test
    void tokensAreRenewedAsTheyExpireMailFlowsAndARevocationMakesTheMailerNotReady() throws Exception {
        DevStack stack = ItStack.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // rotating as Microsoft does, but stricter: only the newest refresh token is accepted
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("rt-" + tag)
                        .lifetime(LIFETIME_SECONDS)
                        .rotate(true);
                OllamaStandIn ollama = new OllamaStandIn()) {
            ollama.mode(OllamaStandIn.Mode.OK).answer(PRESCRIPTION);
            Map<String, String> env = oauth(endpoint);
            Path store = stack.options()
                    .workDir()
                    .resolve("second")
                    .resolve("oauth")
                    .resolve("data")
                    .resolve("oauth")
                    .resolve("refresh-token");
            env.put("MAILER_OAUTH_ROTATION_STORE", store.toString());
            SecondMailer mailer = new SecondMailer(stack, "oauth", ACCOUNT, ollama.url(), env);
            // the secrets as files, as in production (VARIABLE_SOURCE_DIRS); the password file there opens nothing:
            // the mailbox's password is the newest token from here on
            Path secrets =
                    stack.options().workDir().resolve("second").resolve("oauth").resolve("secrets");
            Files.writeString(secrets.resolve("mailer.oauth.refresh-token"), endpoint.refreshToken());
            Files.writeString(secrets.resolve("mailer.oauth.client-secret"), LocalTokenEndpoint.CLIENT_SECRET);
            GreenMailUser box = stack.mail().user(ACCOUNT.mailbox(), ACCOUNT.login(), ACCOUNT.password());
            endpoint.onIssue(box::setPassword);
            try (mailer) {
                mailer.start(ItStack.READY);
                int atStart = endpoint.issued().size();
                assertTrue(atStart >= 1, "IMAP and SMTP logged in with a token");
                Waits.until(
                        Duration.ofSeconds(30),
                        "a further token, the first having expired",
                        () -> endpoint.issued().size() >= atStart + 2);

                String subject = "Folgerezept " + tag;
                Mails.sendRaw(
                        stack.mail().smtpPort(),
                        ACCOUNT.mailbox(),
                        ("From: patient-" + tag + "@patient.example\r\nTo: " + ACCOUNT.mailbox() + "\r\nSubject: "
                                        + subject + "\r\nMessage-ID: <" + tag
                                        + "@patient.example>\r\nMIME-Version: 1.0\r\n"
                                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nBitte ein Folgerezept.\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                Db db = mailer.db();
                Waits.until(
                        Duration.ofSeconds(90),
                        "the mail is stored and its reply sent, with a later token",
                        () -> db.rows(
                                "select o.status from outbound_mail o join mail_message m on m.id = o.mail_id"
                                        + " where m.subject = ?",
                                subject),
                        r -> !r.isEmpty() && "SENT".equals(r.get(0).get("status")));
                assertTrue(
                        endpoint.issued().size() >= atStart + 2,
                        "tokens were renewed: " + endpoint.issued().size());
                assertEquals(200, Http.get(mailer.baseUrl() + "/health/ready").status());

                // a restart with the same secret file, whose refresh token the endpoint refuses by now: the
                // newest one, kept on the mailer's volume, logs in
                assertFalse(endpoint.currentRefreshToken().equals(endpoint.refreshToken()), "rotated");
                assertTrue(Files.readString(store).contains(endpoint.currentRefreshToken()), "the newest kept");
                mailer.liberty().stop();
                int beforeRestart = endpoint.issued().size();
                mailer.start(ItStack.READY);
                assertTrue(endpoint.issued().size() > beforeRestart, "logged in again after the restart");
                assertTrue(
                        mailer.liberty().messagesLog().contains("starting with the newest refresh token, kept in"),
                        "the start says which token it used");

                endpoint.revoke();
                Http.Response ready = Waits.until(
                        Duration.ofSeconds(30),
                        "readiness DOWN with the endpoint's reason",
                        () -> Http.get(mailer.baseUrl() + "/health/ready"),
                        r -> r.status() == 503 && r.body().contains(REVOKED));
                assertTrue(ready.body().contains("\"oauth\""), ready.body());
                String metrics = Http.get(mailer.baseUrl() + "/metrics?scope=application")
                        .body();
                assertTrue(
                        metrics.lines()
                                .anyMatch(l -> l.startsWith("mailer_oauth_refresh_refused") && l.endsWith(" 1.0")),
                        metrics);
                assertEquals(200, Http.get(mailer.baseUrl() + "/health/live").status(), "alive: a person must act");
            }
            StringBuilder logs = new StringBuilder();
            for (Path log : mailer.liberty().logFiles()) {
                logs.append(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
            }
            for (String secret : tokensAnd(endpoint)) {
                assertFalse(logs.toString().contains(secret), "a token in the log");
            }
        }
    }

    @Test
    void aRevokedRefreshTokenStopsTheStartWithExitCode1AndTheReason() throws IOException {
        DevStack stack = ItStack.get();
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("rt-revoked-" + UUID.randomUUID())) {
            endpoint.revoke();
            Path dir = stack.options().workDir().resolve("secrets");
            Files.createDirectories(dir);
            Path refresh = dir.resolve("oauth_refresh_token_revoked");
            Files.writeString(refresh, endpoint.refreshToken());
            Map<String, String> env = oauth(endpoint);
            env.put("MAILER_OAUTH_REFRESH_TOKEN_FILE", refresh.toString());
            env.put("MAILER_OAUTH_CLIENT_SECRET", LocalTokenEndpoint.CLIENT_SECRET);
            LibertyServer bad = ItStack.beside("oauth-revoked", env);
            // a whole server start: on a busy machine that alone took 96 s
            assertEquals(1, bad.runToExit(Map.of(), ItStack.READY.plusMinutes(1)));
            String log = bad.messagesLog();
            assertTrue(
                    log.contains("the OAuth2 token endpoint refused the refresh token (token endpoint 127.0.0.1"
                            + " answered HTTP 400 " + REVOKED + ")"),
                    log);
            assertFalse(log.contains(endpoint.refreshToken()), "no refresh token in the log");
        }
    }

    @Test
    void dovecotAsksTheEndpointAboutEachTokenAndTakesTheRenewedOnes() throws Exception {
        DevStack stack = ItStack.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        MailerAccount account = new MailerAccount(
                "praxis",
                "oadc-" + tag + "@mailer.test",
                "oadc-" + tag,
                "pw-" + tag,
                "oadc_" + tag,
                "oadc_" + tag + "_mailer",
                "db-" + tag);
        // 20 s tokens (used for 10): each Dovecot login asks the endpoint, on a busy machine that takes seconds
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("rt-dc-" + tag).lifetime(20);
                LocalDovecot dovecot = LocalDovecot.startWithOAuth2(
                        Path.of(System.getProperty("it.work.dir", "target/it"), "dovecot-oauth"),
                        endpoint.introspection(account.login()))) {
            // the test's own APPEND logs in with a password; the mailer only with tokens
            dovecot.user(account.login(), account.password());
            Map<String, String> env = oauth(endpoint);
            env.put("MAILER_IMAP_PORT", String.valueOf(dovecot.imapPort()));
            env.put("MAILER_OAUTH_REFRESH_TOKEN", endpoint.refreshToken());
            env.put("MAILER_OAUTH_CLIENT_SECRET", LocalTokenEndpoint.CLIENT_SECRET);
            // replies leave through GreenMail, with its password
            env.put("MAILER_SMTP_AUTH", "password");
            try (SecondMailer mailer = new SecondMailer(
                            stack, "oauth-dovecot", account, stack.ollama().url(), env)
                    .start(ItStack.READY)) {
                assertTrue(endpoint.accepted().size() >= 1, "Dovecot let the mailer in on a token it checked");
                String first = endpoint.accepted().get(0);
                int issued = endpoint.issued().size();
                Waits.until(
                        Duration.ofSeconds(60),
                        "further tokens, the first having expired",
                        () -> endpoint.issued().size() >= issued + 2);
                String subject = Mails.unique("Dovecot OAuth2");
                dovecot.append(
                        account.login(),
                        "INBOX",
                        List.of(Mails.plain("patient-" + tag + "@patient.example", subject, "Hallo")),
                        null);
                Waits.until(
                        Duration.ofSeconds(60),
                        "stored from Dovecot",
                        () -> mailer.db().mailsWithSubject(subject).size() == 1);
                // its label is set on a connection of its own: a login with a renewed token
                Waits.until(
                        Duration.ofSeconds(60),
                        "Dovecot accepted a renewed token",
                        () -> endpoint.accepted().stream().anyMatch(t -> !t.equals(first)));
            }
        }
    }

    private static List<String> tokensAnd(LocalTokenEndpoint endpoint) {
        List<String> all = new java.util.ArrayList<>(endpoint.issued());
        all.add(endpoint.refreshToken());
        all.add(endpoint.currentRefreshToken());
        all.add(LocalTokenEndpoint.CLIENT_SECRET);
        return all;
    }
}
