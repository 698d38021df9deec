package de.dockeragents.mailer.mailbox.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * One open connection to the mailbox folder. Messages are read with bulk {@code UID FETCH}
 * commands ({@code BODY.PEEK[]}, so nothing is marked seen by reading): one round trip per batch
 * instead of one per message, which is what a naive Jakarta Mail loop does.
 */
public final class ImapMailbox implements AutoCloseable {

    /**
     * A message announced by the server, before its content is downloaded. {@code internalDate}: when the
     * mailbox received it (the server's INTERNALDATE, not the sender's Date header); null if not told.
     * {@code flags} and {@code gmailLabels} (null where the server has none): the marks the message carries,
     * which may say a filter or a person took it for junk.
     */
    public record Announced(
            long uid, long size, Long gmMsgId, Instant internalDate, Flags flags, String[] gmailLabels) {

        public Announced(long uid, long size, Long gmMsgId) {
            this(uid, size, gmMsgId, null, null, null);
        }
    }

    /** IMAP's date for SEARCH SINCE: a day, no time (RFC 3501 date). */
    private static final DateTimeFormatter SEARCH_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private final Store store;
    private final IMAPFolder folder;
    private final boolean gmail;

    private ImapMailbox(Store store, IMAPFolder folder, boolean gmail) {
        this.store = store;
        this.folder = folder;
        this.gmail = gmail;
    }

    public static ImapMailbox open(ImapSettings s) throws MessagingException {
        String protocol = protocol(s);
        Session session = Session.getInstance(properties(s, protocol));
        Store store = session.getStore(protocol);
        try {
            s.login().connect(store, s.host(), s.port(), s.user());
            IMAPFolder folder = (IMAPFolder) store.getFolder(s.folder());
            folder.open(Folder.READ_WRITE);
            return new ImapMailbox(store, folder, s.gmail());
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    static String protocol(ImapSettings s) {
        String base = s.gmail() ? "gimap" : "imap";
        return s.security() == ImapSettings.Security.SSL ? base + "s" : base;
    }

    static Properties properties(ImapSettings s, String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(s.timeout().toMillis());
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        p.setProperty(prefix + "writetimeout", timeout);
        p.setProperty(prefix + "peek", "true");
        p.setProperty(prefix + "partialfetch", "false");
        if (s.security() == ImapSettings.Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (s.security() != ImapSettings.Security.PLAIN) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        s.login().configure(p, prefix);
        return p;
    }

    public boolean isOpen() {
        return store.isConnected() && folder.isOpen();
    }

    public long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    /**
     * The UID the next message will get, as the server said when the folder was opened (it only grows, so
     * a value from then is never too high); where the server did not say, one above the highest UID present.
     */
    public long uidNext() throws MessagingException {
        long next = folder.getUIDNext();
        if (next > 0) {
            return next;
        }
        int count = folder.getMessageCount();
        return count == 0 ? 1 : folder.getUID(folder.getMessage(count)) + 1;
    }

    /**
     * The lowest UID up to {@code untilUid} whose INTERNALDATE may be on or after {@code since}
     * ({@code UID SEARCH SINCE}, which knows days only: a day early, so nothing is missed), or -1 when there
     * is none. The caller checks each message's exact INTERNALDATE.
     */
    public long lowestUidSince(Instant since, long untilUid) throws MessagingException {
        if (untilUid <= 0) {
            return -1;
        }
        String day = SEARCH_DATE.format(since.atOffset(ZoneOffset.UTC).minusDays(1));
        Object result = folder.doCommand(p -> {
            Response[] responses = p.command("UID SEARCH SINCE " + day, null);
            long lowest = -1;
            List<Response> others = new ArrayList<>();
            Response last = responses[responses.length - 1];
            for (Response r : responses) {
                if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                    for (long uid = ir.readLong(); uid != -1; uid = ir.readLong()) {
                        if (uid <= untilUid && (lowest == -1 || uid < lowest)) {
                            lowest = uid;
                        }
                    }
                } else if (r != last) {
                    others.add(r);
                }
            }
            p.notifyResponseHandlers(others.toArray(Response[]::new));
            p.handleResult(last);
            return lowest;
        });
        return (Long) result;
    }

    /**
     * The lowest UID up to {@code untilUid} whose INTERNALDATE is at or after {@code since}, exactly (to the
     * second, as IMAP keeps it); -1 for none. {@link #lowestUidSince} narrows it down by day, then the dates of
     * the messages from there decide. Messages without a date the client can read do not count.
     */
    public long firstUidArrivedSince(Instant since, long untilUid) throws MessagingException {
        long candidate = lowestUidSince(since, untilUid);
        if (candidate < 0) {
            return -1;
        }
        Instant second = since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return announcedAfter(candidate - 1).stream()
                .filter(a -> a.uid() <= untilUid
                        && a.internalDate() != null
                        && !a.internalDate().isBefore(second))
                .mapToLong(Announced::uid)
                .min()
                .orElse(-1);
    }

    /**
     * Every message above {@code afterUid}, in UID order, with its size and INTERNALDATE: cheap, no content.
     * The dates come in a command of their own: a date the client cannot read makes the client drop that
     * message's whole FETCH response (GreenMail sends {@code "null"} for mail appended without one), and a
     * message missing here would be passed over for good. A NOOP comes first: Dovecot adds mail that arrived
     * since the session's last command to its view only after a command, so a {@code UID FETCH} alone would
     * see it one poll late (and a fetch woken by IDLE not at all).
     */
    public List<Announced> announcedAfter(long afterUid) throws MessagingException {
        folder.doCommand(p -> {
            p.noop();
            return null;
        });
        String range = (afterUid + 1) + ":*";
        // FLAGS and Gmail's labels ride along: a junk mark costs no command of its own
        String items = gmail ? "(UID RFC822.SIZE FLAGS X-GM-MSGID X-GM-LABELS)" : "(UID RFC822.SIZE FLAGS)";
        List<Announced> out = new ArrayList<>();
        for (FetchResponse r : uidFetch(range, items)) {
            UID uid = r.getItem(UID.class);
            RFC822SIZE size = r.getItem(RFC822SIZE.class);
            // "n:*" also answers with the last message when n is past the end: skip it
            if (uid != null && size != null && uid.uid > afterUid) {
                Map<String, Object> ext = r.getExtensionItems();
                Object gm = ext == null ? null : ext.get("X-GM-MSGID");
                Object labels = ext == null ? null : ext.get("X-GM-LABELS");
                FLAGS flags = r.getItem(FLAGS.class);
                out.add(new Announced(
                        uid.uid,
                        size.size,
                        gm instanceof Long l ? l : null,
                        null,
                        flags,
                        labels instanceof String[] l ? l : null));
            }
        }
        if (!out.isEmpty()) {
            Map<Long, Instant> dates = new HashMap<>();
            for (FetchResponse r : uidFetch(range, "(UID INTERNALDATE)")) {
                UID uid = r.getItem(UID.class);
                INTERNALDATE date = r.getItem(INTERNALDATE.class);
                if (uid != null && date != null && date.getDate() != null) {
                    dates.put(uid.uid, date.getDate().toInstant());
                }
            }
            out.replaceAll(
                    a -> new Announced(a.uid(), a.size(), a.gmMsgId(), dates.get(a.uid()), a.flags(), a.gmailLabels()));
        }
        out.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return out;
    }

    /** The complete raw messages for these UIDs, in one command. Missing UIDs were expunged meanwhile. */
    public Map<Long, byte[]> bodies(List<Long> uids) throws MessagingException {
        return sections(uids, "(UID BODY.PEEK[])");
    }

    /** Only the Message-ID header, for messages too large to download. */
    public Map<Long, byte[]> messageIdHeaders(List<Long> uids) throws MessagingException {
        return sections(uids, "(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
    }

    private Map<Long, byte[]> sections(List<Long> uids, String items) throws MessagingException {
        Map<Long, byte[]> out = new HashMap<>();
        if (uids.isEmpty()) {
            return out;
        }
        for (FetchResponse r : uidFetch(UidSet.of(uids), items)) {
            UID uid = r.getItem(UID.class);
            BODY body = r.getItem(BODY.class);
            if (uid != null && body != null && body.getByteArray() != null) {
                ByteArray b = body.getByteArray();
                byte[] bytes =
                        b.getStart() == 0 && b.getCount() == b.getBytes().length ? b.getBytes() : b.getNewBytes();
                out.put(uid.uid, bytes);
            }
        }
        return out;
    }

    private List<FetchResponse> uidFetch(String set, String items) throws MessagingException {
        Object result = folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + set + " " + items, null);
            List<FetchResponse> fetched = new ArrayList<>();
            List<Response> others = new ArrayList<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse f) {
                    fetched.add(f);
                } else {
                    others.add(r);
                }
            }
            // EXISTS / EXPUNGE and the like go to the folder so its message numbers stay right
            Response last = responses[responses.length - 1];
            others.remove(last);
            p.notifyResponseHandlers(others.toArray(Response[]::new));
            p.handleResult(last);
            return fetched;
        });
        @SuppressWarnings("unchecked")
        List<FetchResponse> list = (List<FetchResponse>) result;
        return list;
    }

    public void markSeen(List<Long> uids) throws MessagingException {
        Message[] messages = present(uids);
        if (messages.length > 0) {
            folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
        }
    }

    public void moveTo(List<Long> uids, String target) throws MessagingException {
        Message[] messages = present(uids);
        if (messages.length == 0) {
            return;
        }
        Folder dest = store.getFolder(target);
        if (!dest.exists() && !dest.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create folder " + target);
        }
        folder.moveMessages(messages, dest);
    }

    private Message[] present(List<Long> uids) throws MessagingException {
        long[] array = uids.stream().mapToLong(Long::longValue).toArray();
        return java.util.Arrays.stream(folder.getMessagesByUID(array))
                .filter(java.util.Objects::nonNull)
                .toArray(Message[]::new);
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection fails as often as not; the store close below is what matters
        }
        closeQuietly(store);
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // nothing left to do with a connection that will not close
        }
    }
}
