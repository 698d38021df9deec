package it.reply;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.LibertyServer;
import dev.LocalMailServer;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mailer.triage.ai-enabled=false} means no request to Ollama at all, drafts included: a
 * second praxis mailer (its own database, mailbox and Ollama stand-in, beside the shared one) with
 * the model switched off and {@code mailer.reply.ai-drafts} left on classifies by the rules, gives
 * an AI-draft category its template as the draft (copied to the Drafts folder, which takes a reply
 * sweep), answers an emergency with its template, and its stand-in counts no request, neither
 * {@code /api/chat} nor {@code /api/tags}.
 */
class AiDisabledIT {

    static final MailerAccount ACCOUNT = new MailerAccount(
            "praxis",
            "ohne-ki@mailer.test",
            "ohneki",
            "ohne-ki-dev-password",
            "praxis_ohne_ki",
            "praxis_ohne_ki_mailer",
            "ohne-ki-dev-db-password");

    @Test
    void withTheModelSwitchedOffNothingAsksOllamaNotEvenForADraft() throws Exception {
        DevStack stack = ItStack.get();
        ACCOUNT.provision(stack.postgres(), stack.mail());
        Path work = stack.options().workDir().resolve("ai-disabled");
        int http = DevStack.port(0);
        try (OllamaStandIn ollama = new OllamaStandIn()) {
            Map<String, String> env = new HashMap<>(ACCOUNT.env(
                    work,
                    new MailerAccount.Ports(
                            http,
                            DevStack.port(0),
                            stack.postgres().port(),
                            stack.mail().imapPort(),
                            stack.mail().smtpPort(),
                            Integer.parseInt(stack.env().get("MAILER_ATTACHMENT_CLAMD_PORT"))),
                    ollama.url()));
            env.putAll(Map.of(
                    "MAILER_TRIAGE_AI_ENABLED",
                    "false",
                    "MAILER_REPLY_AI_DRAFTS",
                    "true",
                    "MAILER_TRIAGE_RECLASSIFY",
                    "true",
                    "MAILER_POLL_INTERVAL",
                    "1s",
                    "MAILER_TRIAGE_SWEEP_INTERVAL",
                    "1s",
                    "MAILER_REPLY_SWEEP_INTERVAL",
                    "1s",
                    // the emergency's template leaves with the next outbox run (10 s apart by default)
                    "MAILER_OUTBOX_INTERVAL",
                    "1s",
                    "MAILER_REPLY_DRAFTS_FOLDER",
                    LocalMailServer.DRAFTS,
                    "MAILER_LABELS_MODE",
                    "off"));
            LibertyServer mailer = new LibertyServer(
                    Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"))
                            .toAbsolutePath(),
                    System.getProperty("it.server", "mailer"),
                    work.resolve("liberty"),
                    env);
            try {
                mailer.start();
                Waits.until(
                        ItStack.READY,
                        "the second mailer is ready",
                        () -> Http.get("http://127.0.0.1:" + http + "/health/ready")
                                        .status()
                                == 200);
                Db db = new Db(stack.postgres(), ACCOUNT);
                String tag = UUID.randomUUID().toString().substring(0, 8);
                String appointment = "Neuer Termin " + tag;
                String emergency = "Hilfe " + tag;
                send(
                        stack,
                        "termin-" + tag + "@patient.example",
                        appointment,
                        "Guten Tag, ich möchte einen neuen Termin vereinbaren.");
                send(
                        stack,
                        "notfall-" + tag + "@patient.example",
                        emergency,
                        "Mein Mann hat seit einer Stunde starke Brustschmerzen und Atemnot.");

                for (String subject : List.of(appointment, emergency)) {
                    Map<String, Object> c = Waits.until(
                                    Duration.ofSeconds(60),
                                    subject + " is classified",
                                    () -> db.rows(
                                            "select c.* from classification c join mail_message m on m.id = c.mail_id"
                                                    + " where m.subject = ?",
                                            subject),
                                    r -> !r.isEmpty())
                            .get(0);
                    assertEquals("rules", c.get("classified_by"), subject);
                    // the emergency is decided by the safety rules before any model would be asked
                    assertEquals(subject.equals(emergency) ? "safety" : "disabled", c.get("ai_outcome"), subject);
                }
                Map<String, Object> draft = Waits.until(
                                Duration.ofSeconds(60),
                                "the appointment's draft is in the Drafts" + " folder (a reply sweep ran)",
                                () -> Triaged.replies(db, appointment),
                                r -> !r.isEmpty() && r.get(0).get("drafts_appended_at") != null)
                        .get(0);
                assertEquals("template_draft", draft.get("kind"), "the template is the draft: the model was not asked");
                assertEquals("DRAFT", draft.get("status"));
                Map<String, Object> urgent = Waits.until(
                                Duration.ofSeconds(60),
                                "the emergency's template is sent",
                                () -> Triaged.replies(db, emergency),
                                r -> !r.isEmpty() && "SENT".equals(r.get(0).get("status")))
                        .get(0);
                assertEquals("template_auto", urgent.get("kind"));
                assertTrue(((String) urgent.get("body")).contains("112"));

                assertEquals(0, ollama.requests(), "no /api/chat request");
                assertEquals(0, ollama.tagRequests(), "no /api/tags request");
            } finally {
                mailer.stop();
            }
        }
    }

    static void send(DevStack stack, String from, String subject, String body) {
        String raw = "From: " + from + "\r\nTo: " + ACCOUNT.mailbox() + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID()
                + "@patient.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), ACCOUNT.mailbox(), raw.getBytes(StandardCharsets.UTF_8));
    }
}
