package de.dockeragents.mailer.inbox.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import de.dockeragents.mailer.inbox.entity.FolderState;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailRaw;
import de.dockeragents.mailer.inbox.entity.ServerAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The inbox's transactions: a batch of mail and the folder position move together or not at all. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class MailStore {

    /** What a stored batch changed: the rows it inserted and the UIDs that were already known. */
    public record Stored(List<MailMessage> inserted, int duplicates) {
    }

    /** The folder position: where to continue, and whether the folder was just re-read from the start. */
    public record Position(long lastUid, boolean resynced) {
    }

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public Position position(String folder, long uidValidity) {
        FolderState state = em.find(FolderState.class, folder, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            em.persist(new FolderState(folder, uidValidity));
            return new Position(0, false);
        }
        if (state.uidValidity() != uidValidity) {
            state.resync(uidValidity);
            return new Position(0, true);
        }
        return new Position(state.lastUid(), false);
    }

    public Stored store(String folder, long uidValidity, List<Incoming> batch, long advanceTo) {
        FolderState state = em.find(FolderState.class, folder, LockModeType.PESSIMISTIC_WRITE);
        if (state == null || state.uidValidity() != uidValidity) {
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
        state.advanceTo(advanceTo);
        return new Stored(inserted, batch.size() - inserted.size());
    }

    private List<String> existingKeys(List<Incoming> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(MailMessage.EXISTING_KEYS, String.class)
                .setParameter("keys", batch.stream().map(i -> i.message().dedupeKey()).toList())
                .getResultList();
    }

    public List<Long> pendingActionUids(String folder, long uidValidity) {
        return em.createNamedQuery(MailMessage.PENDING_ACTIONS, MailMessage.class)
                .setParameter("folder", folder).setParameter("uidValidity", uidValidity)
                .setMaxResults(1000)
                .getResultStream().map(MailMessage::uid).toList();
    }

    public void actionDone(String folder, long uidValidity, List<Long> uids, ServerAction outcome) {
        if (uids.isEmpty()) {
            return;
        }
        em.createQuery("update MailMessage m set m.serverAction = :outcome where m.folder = :folder"
                + " and m.uidValidity = :uidValidity and m.uid in :uids")
                .setParameter("outcome", outcome).setParameter("folder", folder)
                .setParameter("uidValidity", uidValidity).setParameter("uids", uids)
                .executeUpdate();
    }
}
