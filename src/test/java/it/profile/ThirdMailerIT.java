package it.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;
import it.support.Mails;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third mailer is data only, in the running server: the build's Liberty server and WAR, with
 * nothing added but the data of {@code profiles/clinic} and {@code languages/fr.properties} from the
 * test resources (copied into a copy of the WAR, in a Liberty user directory of its own), started
 * with {@code MP_CONFIG_PROFILE=clinic} beside the shared stack. With the model switched off, its
 * own safety list finds a French and a German emergency, its templates answer each in the mail's
 * language with its own numbers, and the replies are sent.
 */
class ThirdMailerIT {

    static final MailerAccount CLINIC = new MailerAccount(
            "clinic",
            "clinique@mailer.test",
            "clinique",
            "clinique-dev-password",
            "clinic",
            "clinic_mailer",
            "clinic-dev-db-password");

    @Test
    void aProfileMadeOfDataAloneClassifiesAndAnswersMail() throws Exception {
        DevStack stack = ItStack.get();
        Path userDir = userDirWithProfile(
                stack.options().wlp(),
                stack.options().server(),
                stack.options().workDir().resolve("third-mailer/usr"));
        try (OllamaStandIn ollama = new OllamaStandIn();
                SecondMailer clinic = new SecondMailer(
                        stack,
                        "clinic",
                        CLINIC,
                        ollama.url(),
                        Map.of("WLP_USER_DIR", userDir.toString(), "MAILER_TRIAGE_AI_ENABLED", "false"))) {
            clinic.start(ItStack.READY);
            Db db = clinic.db();
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String french = "Aide " + tag;
            String german = "Hilfe " + tag;
            send(
                    stack,
                    "lea-" + tag + "@patient.example",
                    french,
                    "Bonjour, mon chien est empoisonné, il a mangé de la mort-aux-rats! Que faire?");
            send(
                    stack,
                    "jonas-" + tag + "@patient.example",
                    german,
                    "Guten Tag, unsere Katze hat Rattengift gefressen. Was sollen wir tun?");

            for (var expected : List.of(
                    List.of(french, "fr", "Votre message à Clinique vétérinaire du Lac"),
                    List.of(german, "de", "Ihre Nachricht an Clinique vétérinaire du Lac"))) {
                String subject = expected.get(0);
                Map<String, Object> c = Waits.until(
                                Duration.ofSeconds(60),
                                subject + " is classified",
                                () -> db.rows(
                                        "select c.* from classification c join mail_message m on m.id = c.mail_id"
                                                + " where m.subject = ?",
                                        subject),
                                r -> !r.isEmpty())
                        .get(0);
                assertEquals("emergency", c.get("category"), subject);
                assertEquals("urgent", c.get("priority"), subject);
                assertEquals(expected.get(1), c.get("language"), subject);
                assertTrue(
                        String.valueOf(c.get("safety_rules")).contains("poisoning"),
                        String.valueOf(c.get("safety_rules")));
                Map<String, Object> reply = Waits.until(
                                Duration.ofSeconds(60),
                                subject + ": its template is sent",
                                () -> db.rows(
                                        "select o.* from outbound_mail o join mail_message m on m.id = o.mail_id"
                                                + " where m.subject = ?",
                                        subject),
                                r -> !r.isEmpty() && "SENT".equals(r.get(0).get("status")))
                        .get(0);
                assertEquals("template_auto", reply.get("kind"));
                assertEquals(expected.get(1), reply.get("language"));
                assertTrue(((String) reply.get("subject")).startsWith(expected.get(2)), (String) reply.get("subject"));
                assertTrue(((String) reply.get("body")).contains("145"), "the clinic's own number");
            }
        }
    }

    static void send(DevStack stack, String from, String subject, String body) {
        String raw = "From: " + from + "\r\nTo: " + CLINIC.mailbox() + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID()
                + "@patient.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), CLINIC.mailbox(), raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Liberty user directory ({@code WLP_USER_DIR}) with a copy of the build's server and its shared
     * resources, whose WAR has the clinic's data files from the test resources added: nothing else.
     */
    static Path userDirWithProfile(Path wlp, String server, Path userDir) throws IOException {
        copyTree(
                wlp.resolve("usr/servers").resolve(server),
                userDir.resolve("servers").resolve(server));
        copyTree(wlp.resolve("usr/shared"), userDir.resolve("shared"));
        Path war = userDir.resolve("servers").resolve(server).resolve("apps/mailer.war");
        Path testResources = Path.of(System.getProperty("it.test.resources", "target/test-classes"))
                .toAbsolutePath();
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + war.toUri()), Map.of())) {
            copyTree(testResources.resolve("profiles/clinic"), zip.getPath("WEB-INF/classes/profiles/clinic"));
            copyTree(testResources.resolve("languages"), zip.getPath("WEB-INF/classes/languages"));
        }
        return userDir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
