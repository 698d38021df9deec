package de.dockeragents.mailer.inbox.control;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import de.dockeragents.mailer.attachment.boundary.AttachmentQueue;
import de.dockeragents.mailer.inbox.control.InboxMetrics.FailReason;
import de.dockeragents.mailer.mailbox.control.ImapMailbox.Announced;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ServerAction;
import de.dockeragents.mailer.triage.control.Triage;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

/**
 * One poll of the mailbox: open (or reopen) the connection, read what is new since the stored
 * position, store it batch by batch, and only then mark or move it on the server. Safe to call
 * from the timer and on demand at once: a second caller finds the poll running and returns.
 */
@ApplicationScoped
public class InboxPoller {

    private static final Logger LOG = Logger.getLogger(InboxPoller.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration ON_DEMAND_WAIT = Duration.ofSeconds(60);

    /** What one poll did, for the ops endpoint and the tests. */
    public record Result(boolean ran, int fetched, int stored, int duplicates, int parseErrors, int tooLarge,
            String error) {

        static Result skipped(String why) {
            return new Result(false, 0, 0, 0, 0, 0, why);
        }
    }

    @Inject
    MailStore store;
    @Inject
    InboxMetrics metrics;
    @Inject
    InboxStatus status;
    @Inject
    AttachmentQueue attachments;
    @Resource
    ManagedExecutorService executor;
    @Inject
    Triage triage;
    @Inject
    ImapSettings imap;
    @Inject
    InboxSettings settings;

    private final ReentrantLock running = new ReentrantLock();
    private final IncomingFactory factory = new IncomingFactory();
    private ImapMailbox mailbox;
    private Instant notBefore = Instant.MIN;

    /** The timer's entry: honours the reconnect back-off. */
    public Result tick() {
        status.ticked();
        if (Instant.now().isBefore(notBefore)) {
            return Result.skipped("waiting to reconnect");
        }
        if (!running.tryLock()) {
            return Result.skipped("a poll is already running");
        }
        return pollLocked();
    }

    /**
     * A poll on demand: waits for a running poll to end, then polls, so everything that arrived
     * before the call has been looked at when it returns.
     */
    public Result poll() {
        try {
            if (!running.tryLock(ON_DEMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return Result.skipped("a poll is still running after " + ON_DEMAND_WAIT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.skipped("interrupted");
        }
        return pollLocked();
    }

    private Result pollLocked() {
        long start = System.nanoTime();
        try {
            Result r = pollOnce();
            status.succeeded();
            notBefore = Instant.MIN;
            return r;
        } catch (MessagingException | RuntimeException e) {
            return failed(e);
        } finally {
            metrics.polled(Duration.ofNanos(System.nanoTime() - start));
            running.unlock();
        }
    }

    private Result pollOnce() throws MessagingException {
        ImapMailbox box = connection();
        String folder = imap.folder();
        long uidValidity = box.uidValidity();
        MailStore.Position position = position(box, folder, uidValidity);
        applyServerAction(box, folder, uidValidity, store.pendingActionUids(folder, uidValidity));

        List<Announced> present = box.announcedAfter(position.lastUid());
        // of the history, the initial import reads only what is recent enough (since:<duration>)
        List<Announced> announced = present.stream().filter(a -> position.reads(a.uid(), a.internalDate())).toList();
        int fetched = 0, stored = 0, duplicates = 0, parseErrors = 0, tooLarge = 0;
        Phases phases = new Phases();
        for (Batches.Batch batch : Batches.of(announced, settings.batchSize(), settings.batchBytes(),
                settings.maxMessageBytes())) {
            long t = System.nanoTime();
            Map<Long, byte[]> bodies = box.bodies(batch.downloadUids());
            Map<Long, byte[]> heads = box.messageIdHeaders(batch.tooLargeUids());
            t = phases.mark(Phases.FETCH, t);
            fetched += bodies.size();
            metrics.fetched(bodies.size());
            List<Incoming> incoming = parse(folder, uidValidity, batch.download(), bodies);
            for (Announced a : batch.tooLarge()) {
                incoming.add(factory.tooLarge(folder, uidValidity, a, heads.get(a.uid()), settings.maxMessageBytes()));
            }
            arrived(incoming, batch, position);
            t = phases.mark(Phases.PARSE, t);
            MailStore.Stored result = storeBatch(folder, uidValidity, incoming, batch.lastUid());
            t = phases.mark(Phases.STORE, t);
            stored += result.inserted().size();
            duplicates += result.duplicates();
            metrics.stored(result.inserted().size());
            metrics.duplicates(result.duplicates());
            List<Long> act2 = new ArrayList<>();
            for (MailMessage m : result.inserted()) {
                if (m.status() == MailStatus.PARSE_ERROR) {
                    parseErrors++;
                    metrics.failed(FailReason.PARSE_ERROR);
                    LOG.warning(() -> "mail " + m.id() + " (uid " + m.uid() + ") could not be parsed; stored raw");
                } else if (m.status() == MailStatus.TOO_LARGE) {
                    tooLarge++;
                    metrics.failed(FailReason.TOO_LARGE);
                    LOG.warning(() -> "mail " + m.id() + " (uid " + m.uid() + ") exceeds the size cap; recorded, not downloaded");
                }
                if (m.serverAction() == ServerAction.PENDING) {
                    act2.add(m.uid());
                }
            }
            applyServerAction(box, folder, uidValidity, act2);
            t = phases.mark(Phases.ACT, t);
            handOver(incoming, result.inserted());
            phases.mark(Phases.HAND_OVER, t);
        }
        if (announced.size() < present.size()) {
            // everything announced is stored or left out by the initial import: the position moves past it
            store.skip(folder, uidValidity, present.get(present.size() - 1).uid());
        }
        int f = fetched, s = stored, d = duplicates;
        if (f > 0) {
            LOG.info(() -> "poll of " + folder + ": fetched " + f + ", stored " + s + ", already known " + d + "; " + phases);
        }
        return new Result(true, fetched, stored, duplicates, parseErrors, tooLarge, null);
    }

    /**
     * Where reading this folder continues. A folder (or UIDVALIDITY) seen for the first time gets its start
     * recorded first, before anything is read: with {@code none}, mail that arrives after this moment is new.
     */
    private MailStore.Position position(ImapMailbox box, String folder, long uidValidity) throws MessagingException {
        MailStore.Sight sight = store.look(folder, uidValidity);
        MailStore.Position position = sight.position();
        if (position == null) {
            MailStore.Start start = FolderStarts.plan(settings.initialImport(), sight, box.uidNext(), Instant.now(),
                    box::lowestUidSince);
            position = store.begin(folder, uidValidity, start);
            MailStore.Position p = position;
            if (sight.changed()) {
                LOG.warning(() -> "UIDVALIDITY of " + folder + " changed to " + uidValidity + ": reading it again from UID "
                        + (p.lastUid() + 1) + (p.historySince() == null ? "" : ", mail received since " + p.historySince())
                        + "; what it holds (up to UID " + p.historyUntilUid() + ") is history, never answered"
                        + " automatically; stored mail is recognised and not stored twice");
            } else {
                LOG.info(() -> "first look at " + folder + " (" + InitialImport.KEY + "=" + p.initialImport() + "): UIDs up to "
                        + p.historyUntilUid() + " are history, never answered automatically; reading from UID "
                        + (p.lastUid() + 1) + (p.historySince() == null ? "" : ", history received since " + p.historySince()));
            }
        }
        status.started(folder, position);
        return position;
    }

    /** Each mail learns its INTERNALDATE and whether it is history. */
    private static void arrived(List<Incoming> incoming, Batches.Batch batch, MailStore.Position position) {
        Map<Long, Announced> byUid = new java.util.HashMap<>();
        batch.download().forEach(a -> byUid.put(a.uid(), a));
        batch.tooLarge().forEach(a -> byUid.put(a.uid(), a));
        for (Incoming in : incoming) {
            Announced a = byUid.get(in.message().uid());
            Instant date = a == null ? null : a.internalDate();
            in.message().arrived(date == null ? null : date.atOffset(java.time.ZoneOffset.UTC),
                    position.history(in.message().uid()));
        }
    }

    /**
     * Stores a batch in one transaction. If the database refuses it, the mails go one by one, and a
     * mail the database refuses as parsed is stored raw as PARSE_ERROR: one hostile mail never
     * blocks the folder. When the database itself is away, the first single store fails as well and
     * the poll fails as before (it retries from the same position).
     */
    private MailStore.Stored storeBatch(String folder, long uidValidity, List<Incoming> incoming, long lastUid) {
        try {
            return store.store(folder, uidValidity, incoming, lastUid);
        } catch (RuntimeException e) {
            if (incoming.isEmpty()) {
                throw e;
            }
            LOG.warning(() -> "storing a batch of " + incoming.size() + " mail(s) failed (" + describe(e, false)
                    + "); storing them one by one");
        }
        List<Incoming> byUid = incoming.stream().sorted(java.util.Comparator.comparingLong(i -> i.message().uid())).toList();
        List<MailMessage> inserted = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < byUid.size(); i++) {
            Incoming in = byUid.get(i);
            long advanceTo = i == byUid.size() - 1 ? lastUid : in.message().uid();
            MailStore.Stored one;
            try {
                one = store.store(folder, uidValidity, List.of(in), advanceTo);
            } catch (RuntimeException e) {
                String reason = "the database refused the parsed mail (" + describe(e, false) + "); stored raw";
                one = store.store(folder, uidValidity, List.of(new Incoming(in.message().unstorable(reason), in.raw())),
                        advanceTo);
                LOG.warning(() -> "mail uid " + in.message().uid() + ": " + reason);
            }
            inserted.addAll(one.inserted());
            duplicates += one.duplicates();
        }
        return new MailStore.Stored(inserted, duplicates);
    }

    /**
     * Parses a batch on the server's executor, a few messages per task, in UID order. Parsing is
     * pure computation; spread over the cores it keeps pace with the fetch.
     */
    private List<Incoming> parse(String folder, long uidValidity, List<Announced> download, Map<Long, byte[]> bodies) {
        boolean act = imap.afterStore() != ImapSettings.AfterStore.LEAVE;
        List<Announced> present = download.stream().filter(a -> bodies.containsKey(a.uid())).toList(); // else expunged
        int chunk = Math.max(1, present.size() / (2 * Runtime.getRuntime().availableProcessors()) + 1);
        List<CompletableFuture<List<Incoming>>> parts = new ArrayList<>();
        for (int i = 0; i < present.size(); i += chunk) {
            List<Announced> part = present.subList(i, Math.min(present.size(), i + chunk));
            parts.add(CompletableFuture.supplyAsync(() -> part.stream()
                    .map(a -> factory.downloaded(folder, uidValidity, a, bodies.get(a.uid()), act)).toList(), executor));
        }
        List<Incoming> out = new ArrayList<>(present.size());
        parts.forEach(f -> out.addAll(f.join()));
        return out;
    }

    /**
     * After the commit: attachments go to their scanner's queue and the stored mail to triage; both
     * return at once (the queue waits only when too much is queued). What they miss, their timers
     * take up again.
     */
    private void handOver(List<Incoming> incoming, List<MailMessage> inserted) {
        for (Incoming in : incoming) {
            MailMessage m = in.message();
            if (inserted.contains(m) && m.status() == MailStatus.STORED && m.attachmentCount() > 0) {
                attachments.submit(m.id(), m.receivedAt(), in.raw());
            }
        }
        List<MailMessage> classify = inserted.stream().filter(m -> m.status() == MailStatus.STORED).toList();
        triage.submit(classify.stream().filter(m -> !m.history()).map(MailMessage::id).toList());
        // history waits behind new mail for the model: a new emergency is not queued behind a mailbox's past
        triage.submitHistory(classify.stream().filter(MailMessage::history).map(MailMessage::id).toList());
    }

    /** Runs after the commit: a crash before it leaves the rows PENDING, and the next poll does it. */
    private void applyServerAction(ImapMailbox box, String folder, long uidValidity, List<Long> uids)
            throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        switch (imap.afterStore()) {
            case SEEN -> box.markSeen(uids);
            case MOVE -> box.moveTo(uids, imap.moveTo());
            case LEAVE -> {
            }
        }
        store.actionDone(folder, uidValidity, uids, ServerAction.DONE);
    }

    private ImapMailbox connection() throws MessagingException {
        if (mailbox != null && mailbox.isOpen()) {
            return mailbox;
        }
        disconnect();
        mailbox = ImapMailbox.open(imap);
        status.connected(true);
        LOG.info(() -> "connected to the IMAP server " + imap.host() + ":" + imap.port());
        return mailbox;
    }

    private Result failed(Exception e) {
        boolean imap = e instanceof MessagingException;
        if (imap) {
            disconnect();
            metrics.failed(FailReason.IMAP_ERROR);
        } else {
            metrics.failed(FailReason.STORE_ERROR);
        }
        status.failed(e.getClass().getSimpleName());
        Duration wait = backoff(status.consecutiveFailures());
        notBefore = Instant.now().plus(wait);
        String what = imap ? "IMAP" : "storing";
        LOG.log(Level.WARNING, "poll failed (" + what + "), attempt " + status.consecutiveFailures()
                + ", next try in " + wait.toSeconds() + "s: " + describe(e, imap));
        return new Result(true, 0, 0, 0, 0, 0, e.getClass().getSimpleName());
    }

    /** Where a poll's time went, for the log line. */
    private static final class Phases {
        private static final String[] NAMES = { "fetch", "parse", "store", "server action", "attachments" };
        static final int FETCH = 0, PARSE = 1, STORE = 2, ACT = 3, HAND_OVER = 4;
        private final long[] nanos = new long[NAMES.length];

        /** Adds the time since {@code since} to a phase; returns now, the start of the next phase. */
        long mark(int phase, long since) {
            long now = System.nanoTime();
            nanos[phase] += now - since;
            return now;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("ms:");
            for (int i = 0; i < NAMES.length; i++) {
                out.append(i == 0 ? " " : ", ").append(NAMES[i]).append(' ').append(nanos[i] / 1_000_000);
            }
            return out.toString();
        }
    }

    static Duration backoff(int failures) {
        long seconds = 1L << Math.min(Math.max(failures - 1, 0), 16);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    /**
     * IMAP errors name hosts and server replies, which are fine to log. Database errors can quote a
     * failing row ("Failing row contains ..."), so of those only the types and SQLSTATE are logged.
     */
    static String describe(Throwable e, boolean withMessages) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append(" SQLSTATE ").append(sql.getSQLState());
            } else if (withMessages && !(t instanceof AuthenticationFailedException) && t.getMessage() != null) {
                out.append(": ").append(t.getMessage().lines().findFirst().orElse(""));
            }
            if (t.getCause() == null && t.getStackTrace().length > 0) {
                out.append(" at ").append(t.getStackTrace()[0]);
            }
        }
        return out.toString();
    }

    public void disconnect() {
        if (mailbox != null) {
            mailbox.close();
            mailbox = null;
        }
        status.connected(false);
    }
}
