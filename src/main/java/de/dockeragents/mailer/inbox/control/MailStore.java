package de.dockeragents.mailer.inbox.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.events.entity.EventType;
import de.dockeragents.mailer.events.entity.NewEvent;
import de.dockeragents.mailer.inbox.entity.FolderState;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailRaw;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ServerAction;
import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseLost;

/**
 * The inbox's transactions: a batch of mail and the folder position move together or not at all, and only
 * for the holder of the folder's lease: every write of the position carries its {@link Fence}, checked in
 * the same statement (a start, which inserts, checks it under a share lock held to its commit), so an
 * instance that lost the lease while it was paused stores nothing and moves nothing ({@link LeaseLost}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class MailStore {

    /** What a stored batch changed: the rows it inserted and the UIDs that were already known. */
    public record Stored(List<MailMessage> inserted, int duplicates) {}

    /**
     * The folder position: where to continue, and which UIDs are history (up to {@code historyUntilUid}; of
     * those only mail with an INTERNALDATE at or after {@code historySince} is read, all where it is null).
     */
    public record Position(
            long lastUid,
            long historyUntilUid,
            OffsetDateTime historySince,
            String initialImport,
            String startReason,
            OffsetDateTime startedAt) {

        public boolean history(long uid) {
            return uid <= historyUntilUid;
        }

        /** Whether this message is read: every new one; of the history, those not older than historySince. */
        public boolean reads(long uid, Instant internalDate) {
            return !history(uid)
                    || historySince == null
                    || internalDate == null
                    || !internalDate.isBefore(historySince.toInstant());
        }
    }

    /**
     * What is known about a folder before reading it: its position under this UIDVALIDITY, or null when the
     * folder is new ({@code changed} false) or its UIDVALIDITY changed ({@code changed} true; then
     * {@code lastActivity} is when the old position last moved).
     */
    public record Sight(Position position, boolean changed, OffsetDateTime lastActivity) {}

    /** Where reading begins for a folder (or UIDVALIDITY) seen the first time; see {@link FolderState#start}. */
    public record Start(
            String initialImport, String reason, long historyUntilUid, OffsetDateTime historySince, long firstUid) {}

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    EventOutbox events;

    public Sight look(String folder, long uidValidity) {
        FolderState state = em.find(FolderState.class, folder);
        if (state == null) {
            return new Sight(null, false, null);
        }
        if (state.uidValidity() != uidValidity) {
            return new Sight(null, true, state.updatedAt());
        }
        return new Sight(position(state), false, null);
    }

    /**
     * Records where reading begins, unless another poll recorded a start for this UIDVALIDITY first; returns
     * the position in force.
     */
    public Position begin(String folder, long uidValidity, Start start, Fence fence) {
        if (em.createNativeQuery("SELECT 1 WHERE " + Fence.sql(1))
                .setParameter(1, fence.lease())
                .setParameter(2, fence.token())
                .getResultList()
                .isEmpty()) {
            throw new LeaseLost(fence);
        }
        FolderState state = em.find(FolderState.class, folder, LockModeType.PESSIMISTIC_WRITE);
        if (state != null && state.uidValidity() == uidValidity) {
            return position(state);
        }
        if (state == null) {
            state = new FolderState(folder, uidValidity);
            state.start(
                    uidValidity,
                    start.initialImport(),
                    start.reason(),
                    start.historyUntilUid(),
                    start.historySince(),
                    start.firstUid());
            em.persist(state);
        } else {
            state.start(
                    uidValidity,
                    start.initialImport(),
                    start.reason(),
                    start.historyUntilUid(),
                    start.historySince(),
                    start.firstUid());
        }
        return position(state);
    }

    /** Moves the position on without storing anything: history the initial import leaves out. */
    public void skip(String folder, long uidValidity, long toUid, Fence fence) {
        if (advance(folder, uidValidity, toUid, fence) == 0 && sameValidity(folder, uidValidity)) {
            throw new LeaseLost(fence);
        }
    }

    /** The fenced move of the position; 0 rows when the lease or the UIDVALIDITY has moved on. */
    private int advance(String folder, long uidValidity, long toUid, Fence fence) {
        return em.createNativeQuery("UPDATE imap_folder_state SET last_uid = greatest(last_uid, ?1),"
                        + " updated_at = CASE WHEN ?1 > last_uid THEN now() ELSE updated_at END"
                        + " WHERE folder = ?2 AND uid_validity = ?3 AND " + Fence.sql(4))
                .setParameter(1, toUid)
                .setParameter(2, folder)
                .setParameter(3, uidValidity)
                .setParameter(4, fence.lease())
                .setParameter(5, fence.token())
                .executeUpdate();
    }

    private boolean sameValidity(String folder, long uidValidity) {
        FolderState state = em.find(FolderState.class, folder);
        return state != null && state.uidValidity() == uidValidity;
    }

    /** Every folder's start, for health and the staff page. */
    public List<FolderState> folders() {
        return em.createQuery("select f from FolderState f order by f.folder", FolderState.class)
                .getResultList();
    }

    private static Position position(FolderState state) {
        return new Position(
                state.lastUid(),
                state.historyUntilUid(),
                state.historySince(),
                state.initialImport(),
                state.startReason(),
                state.startedAt());
    }

    public Stored store(String folder, long uidValidity, List<Incoming> batch, long advanceTo, Fence fence) {
        // first, so the folder's row is locked for the batch as before
        if (advance(folder, uidValidity, advanceTo, fence) == 0) {
            if (sameValidity(folder, uidValidity)) {
                throw new LeaseLost(fence);
            }
            throw new IllegalStateException("folder state of " + folder + " changed under a running poll");
        }
        Set<String> seen = new HashSet<>(existingKeys(batch));
        List<MailMessage> inserted = new ArrayList<>();
        List<MailRaw> raws = new ArrayList<>();
        for (Incoming in : batch) {
            if (seen.add(in.message().dedupeKey())) {
                em.persist(in.message());
                inserted.add(in.message());
                if (in.raw() != null) {
                    raws.add(new MailRaw(in.message().id(), in.raw()));
                }
            }
        }
        // the raw rows reference the mail rows; flush those first, both as JDBC batches
        em.flush();
        raws.forEach(em::persist);
        for (MailMessage m : inserted) {
            // history is mail from before the mailer started: no automation reacts to it
            if (m.status() == MailStatus.STORED && !m.history()) {
                events.record(received(m));
            }
        }
        return new Stored(inserted, batch.size() - inserted.size());
    }

    private List<String> existingKeys(List<Incoming> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(MailMessage.EXISTING_KEYS, String.class)
                .setParameter(
                        "keys", batch.stream().map(i -> i.message().dedupeKey()).toList())
                .getResultList();
    }

    public List<Long> pendingActionUids(String folder, long uidValidity) {
        return em.createNamedQuery(MailMessage.PENDING_ACTIONS, MailMessage.class)
                .setParameter("folder", folder)
                .setParameter("uidValidity", uidValidity)
                .setMaxResults(1000)
                .getResultStream()
                .map(MailMessage::uid)
                .toList();
    }

    public void actionDone(String folder, long uidValidity, List<Long> uids, ServerAction outcome) {
        if (uids.isEmpty()) {
            return;
        }
        em.createQuery("update MailMessage m set m.serverAction = :outcome where m.folder = :folder"
                        + " and m.uidValidity = :uidValidity and m.uid in :uids")
                .setParameter("outcome", outcome)
                .setParameter("folder", folder)
                .setParameter("uidValidity", uidValidity)
                .setParameter("uids", uids)
                .executeUpdate();
    }

    /** {@code email.received}: ids and counts; sender and subject only where the operator opted in. */
    static NewEvent received(MailMessage m) {
        return NewEvent.of(EventType.EMAIL_RECEIVED)
                .with("mail_id", m.id())
                .with("folder", m.folder())
                .with(
                        "received_at",
                        m.receivedAt() == null ? null : m.receivedAt().toString())
                .with("attachments", m.attachmentCount())
                .with("size_bytes", m.sizeBytes())
                .personal("from", m.from())
                .personal("subject", m.subject());
    }
}
