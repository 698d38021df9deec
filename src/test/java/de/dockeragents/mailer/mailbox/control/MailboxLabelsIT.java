package de.dockeragents.mailer.mailbox.control;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.LocalDovecot;
import dev.LocalMailServer;
import dev.Waits;
import it.support.Mails;

import de.dockeragents.mailer.platform.control.MailLogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The label visit against real IMAP servers (GreenMail, and Dovecot as a second implementation) on servers
 * without Gmail's labels: IMAP keywords, found by UID or, when the UID no longer holds the mail, by its
 * Message-ID; and a mail that is gone is reported, not failed. The label folders are covered in the running
 * mailer ({@code it.triage.LabelsIT}); keywords set by the running mailer on Dovecot in
 * {@code it.inbox.InitialImportIT}.
 */
class MailboxLabelsIT {

    static LocalMailServer mail;
    static GreenMailUser user;

    @BeforeAll
    static void start() {
        mail = new LocalMailServer(DevStack.port(0), DevStack.port(0));
        mail.start();
        user = mail.user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        mail.close();
    }

    @Test
    void autoChoosesKeywordsOnAServerThatKeepsThemAndMovesThemWithTheClassification() throws Exception {
        StoredMessage m = deliver();
        try (MailboxLabels visit = MailboxLabels.open(imap(), MailboxLabels.Mode.AUTO)) {
            assertEquals(MailboxLabels.Kind.KEYWORDS, visit.kind());
            assertTrue(visit.relabel(mail(m), List.of("Mailer_emergency", "Mailer_Prio_urgent"), List.of()));
        }
        assertEquals(Set.of("Mailer_emergency", "Mailer_Prio_urgent"), keywords(m));
        try (MailboxLabels visit = MailboxLabels.open(imap(), MailboxLabels.Mode.KEYWORDS)) {
            assertTrue(visit.relabel(
                    mail(m), List.of("Mailer_prescription", "Mailer_Prio_urgent"), List.of("Mailer_emergency")));
        }
        assertEquals(Set.of("Mailer_prescription", "Mailer_Prio_urgent"), keywords(m));
    }

    @Test
    void aMailWhoseUidNoLongerHoldsItIsFoundByMessageIdAndAGoneMailIsReported() throws Exception {
        StoredMessage m = deliver();
        MailboxLabels.Mail stale = new MailboxLabels.Mail(
                "INBOX",
                inbox().getUidValidity(),
                m.getUid() + 10_000,
                m.getMimeMessage().getMessageID());
        MailboxLabels.Mail gone = new MailboxLabels.Mail(
                "INBOX",
                inbox().getUidValidity(),
                m.getUid() + 10_000,
                "<gone-" + UUID.randomUUID() + "@patient.example>");
        List<String> billing = List.of("Mailer_billing", "Mailer_Prio_low");
        try (MailboxLabels visit = MailboxLabels.open(imap(), MailboxLabels.Mode.KEYWORDS)) {
            assertTrue(visit.relabel(stale, billing, List.of()));
            assertFalse(visit.relabel(gone, billing, List.of()));
        }
        assertEquals(Set.of("Mailer_billing", "Mailer_Prio_low"), keywords(m));
    }

    @Test
    void autoFindsKeywordsOnDovecotWhichAnswersAReadOnlyExamineWithoutPermanentFlags() throws Exception {
        try (LocalDovecot dovecot = LocalDovecot.start(java.nio.file.Path.of("target/it-dovecot/labels"))) {
            dovecot.user(DevStack.LOGIN, DevStack.PASSWORD);
            String messageId = "<labels-" + UUID.randomUUID() + "@patient.example>";
            MimeMessage m = Mails.plain("patient@patient.example", "Rezept bitte", "Guten Tag");
            m.setHeader("Message-ID", messageId);
            dovecot.append(DevStack.LOGIN, "INBOX", List.of(m), null);
            ImapSettings imap = imap(dovecot.imapPort());
            long uidValidity;
            long uid;
            Store store = dovecot.connect(DevStack.LOGIN);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                uidValidity = inbox.getUIDValidity();
                uid = inbox.getUID(inbox.getMessage(1));
                inbox.close(false);
            } finally {
                store.close();
            }
            try (MailboxLabels visit = MailboxLabels.open(imap, MailboxLabels.Mode.AUTO)) {
                assertEquals(MailboxLabels.Kind.KEYWORDS, visit.kind(), "Dovecot's PERMANENTFLAGS contain \\*");
                assertTrue(visit.relabel(
                        new MailboxLabels.Mail("INBOX", uidValidity, uid, messageId),
                        List.of("Mailer_prescription", "Mailer_Prio_normal"),
                        List.of()));
            }
            store = dovecot.connect(DevStack.LOGIN);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertEquals(
                        Set.of("Mailer_prescription", "Mailer_Prio_normal"),
                        Set.of(inbox.getMessage(1).getFlags().getUserFlags()));
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }

    private static StoredMessage deliver() throws Exception {
        String subject = Mails.unique("labels");
        Mails.send(mail.smtpPort(), Mails.plain("patient@patient.example", subject, "Guten Tag"));
        return Waits.until(
                        Duration.ofSeconds(10),
                        "the mail arrives",
                        () -> inbox().getMessages().stream()
                                .filter(s -> subject.equals(subject(s)))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .get();
    }

    private static String subject(StoredMessage s) {
        try {
            return s.getMimeMessage().getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    private static MailboxLabels.Mail mail(StoredMessage m) throws Exception {
        return new MailboxLabels.Mail(
                "INBOX",
                inbox().getUidValidity(),
                m.getUid(),
                m.getMimeMessage().getMessageID());
    }

    private static Set<String> keywords(StoredMessage m) {
        StoredMessage now = inbox().getMessages().stream()
                .filter(s -> s.getUid() == m.getUid())
                .findFirst()
                .orElseThrow();
        return Set.of(now.getFlags().getUserFlags()).stream()
                .filter(f -> f.startsWith("Mailer_"))
                .collect(Collectors.toSet());
    }

    private static MailFolder inbox() {
        return mail.inbox(user);
    }

    private static ImapSettings imap() {
        return imap(mail.imapPort());
    }

    private static ImapSettings imap(int port) {
        return new ImapSettings(
                "127.0.0.1",
                port,
                ImapSettings.Security.PLAIN,
                DevStack.LOGIN,
                MailLogin.password(DevStack.PASSWORD),
                "INBOX",
                ImapSettings.AfterStore.SEEN,
                "Mailer/Verarbeitet",
                Duration.ofSeconds(5),
                false);
    }
}
