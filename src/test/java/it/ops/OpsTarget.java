package it.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.DevStack;
import it.support.ItStack;
import it.support.ItStackExtension;

/**
 * Where the MicroShed tests find the mail server and the database: the natively started stack of
 * the default build, or the containers of the container-tests profile (docs/container-tests.md),
 * reached over the network the same way in both cases (SMTP, IMAP, JDBC).
 */
public record OpsTarget(String host, int smtpPort, int imapPort, String jdbcUrl) {

    private static volatile OpsTarget containers;

    /** True in the container-tests profile: the test class's containers replace the native stack. */
    static boolean containerMode() {
        return Boolean.getBoolean("it.container");
    }

    /** Called by the container test class once its containers run. */
    public static void use(OpsTarget target) {
        containers = target;
    }

    static OpsTarget current() {
        if (containerMode()) {
            if (containers == null) {
                throw new IllegalStateException("container mode, but no containers registered: run it.container.*IT");
            }
            return containers;
        }
        DevStack stack = ItStack.get();
        return new OpsTarget(
                "127.0.0.1",
                stack.mail().smtpPort(),
                stack.mail().imapPort(),
                "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/" + DevStack.DB_NAME);
    }

    /** Starts the native stack and points MicroShed's manual mode at it, except in container mode. */
    public static class Setup implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            if (!containerMode()) {
                new ItStackExtension().beforeAll(context);
            }
        }
    }

    /** True once the mailbox holds a message with this subject (IMAP, read-only). */
    boolean delivered(String subject) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect(host, imapPort, DevStack.LOGIN, DevStack.PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    return inbox.search(new SubjectTerm(subject)).length > 0;
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            return false;
        }
    }

    long storedWithSubject(String subject) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, DevStack.DB_USER, DevStack.DB_PASSWORD);
                PreparedStatement ps = c.prepareStatement("select count(*) from mail_message where subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
