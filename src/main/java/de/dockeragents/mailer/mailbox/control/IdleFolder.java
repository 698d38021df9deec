package de.dockeragents.mailer.mailbox.control;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * A connection of its own to the mailbox folder that only waits for the server to announce new mail, with
 * IMAP IDLE (RFC 2177) through Angus Mail's {@link IMAPFolder#idle(boolean)}: one folder needs one blocked
 * reader, which a plain thread does without the selector and socket channels {@code IdleManager} brings in
 * for watching many folders. The folder is opened read-only (EXAMINE): this connection never changes
 * anything. While one thread waits in {@link #await()}, another may call {@link #noop()}: Angus ends the
 * IDLE with DONE, runs the NOOP, and the waiting thread returns, which is how IDLE is renewed and how a dead
 * connection shows (the NOOP or the DONE gets no answer within the read timeout).
 */
public final class IdleFolder implements AutoCloseable {

    private final Store store;
    private final IMAPFolder folder;
    /** Set by every untagged EXISTS the server sends on this connection, whoever reads it. */
    private final AtomicBoolean arrived = new AtomicBoolean();

    private IdleFolder(Store store, IMAPFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    public static IdleFolder open(ImapSettings s) throws MessagingException {
        String protocol = ImapMailbox.protocol(s);
        Store store = Session.getInstance(ImapMailbox.properties(s, protocol)).getStore(protocol);
        try {
            s.login().connect(store, s.host(), s.port(), s.user());
            IMAPFolder folder = (IMAPFolder) store.getFolder(s.folder());
            folder.open(Folder.READ_ONLY);
            IdleFolder idle = new IdleFolder(store, folder);
            folder.doCommand(p -> {
                p.addResponseHandler(r -> {
                    if (r instanceof IMAPResponse ir && ir.keyEquals("EXISTS")) {
                        idle.arrived.set(true);
                    }
                });
                return null;
            });
            return idle;
        } catch (MessagingException | RuntimeException e) {
            try {
                store.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the connection failed already; what counts is the first error
            }
            throw e;
        }
    }

    /** Whether the server announced IDLE in its capabilities (after login). */
    public boolean supportsIdle() throws MessagingException {
        return ((IMAPStore) store).hasCapability("IDLE");
    }

    /**
     * Waits in IDLE until the server sends something or another thread ends the IDLE; true when the server
     * announced new mail (EXISTS) since the last call. Throws when the connection is lost.
     */
    public boolean await() throws MessagingException {
        if (!arrived.getAndSet(false)) {
            folder.idle(true);
        }
        return arrived.getAndSet(false);
    }

    /** A NOOP on this connection; ends a running IDLE first. Throws when the server does not answer. */
    public void noop() throws MessagingException {
        folder.doCommand(p -> {
            p.noop();
            return null;
        });
    }

    public boolean isOpen() {
        return store.isConnected() && folder.isOpen();
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // a broken connection fails to close as often as not; the store close below is what matters
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // nothing left to do with a connection that will not close
        }
    }
}
