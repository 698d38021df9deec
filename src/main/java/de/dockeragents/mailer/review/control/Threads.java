package de.dockeragents.mailer.review.control;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.ThreadEntry;

/**
 * A mail's conversation: every stored mail that shares a Message-ID with it (its own, In-Reply-To,
 * References; V17's index), also mail that answers one of our replies, and our replies to any of
 * them, oldest first. At most {@link #MAX} mails, the newest.
 */
@ApplicationScoped
@Transactional
public class Threads {

    static final int MAX = 200;

    /** The Message-IDs that tie mail to the conversation: the mail's own keys and our replies' ids. */
    static final String KEYS = "WITH keys AS (SELECT mail_thread_keys(m.message_id, m.in_reply_to, m.references_hdr)"
            + " || coalesce(ARRAY(SELECT o.message_id FROM outbound_mail o WHERE o.mail_id = m.id), '{}') AS k"
            + " FROM mail_message m WHERE m.id = ?1)";

    /** The conversation's mails (?1 the mail, ?2 at most how many), newest first. */
    static final String THREAD = KEYS + ", thread AS (SELECT m.id, m.subject, m.from_addr, m.to_addrs, m.received_at"
            + " FROM mail_message m, keys WHERE m.id = ?1 OR mail_thread_keys(m.message_id, m.in_reply_to,"
            + " m.references_hdr) && keys.k ORDER BY m.received_at DESC, m.id DESC LIMIT ?2)";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** The newest mail we received in the mail's conversation (the mail itself if alone); null when there is no such mail. */
    public Long newestReceived(long mailId) {
        List<?> rows = em.createNativeQuery(
                        THREAD + " SELECT id FROM thread ORDER BY received_at DESC NULLS LAST, id DESC LIMIT 1")
                .setParameter(1, mailId)
                .setParameter(2, MAX)
                .getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    /** Null when there is no such mail. */
    public List<ThreadEntry> of(long mailId) {
        if (em.createNativeQuery("SELECT 1 FROM mail_message WHERE id = ?1")
                .setParameter(1, mailId)
                .getResultList()
                .isEmpty()) {
            return null;
        }
        List<?> mails = em.createNativeQuery(
                        THREAD + " SELECT id, subject, from_addr, to_addrs, received_at FROM thread")
                .setParameter(1, mailId)
                .setParameter(2, MAX)
                .getResultList();
        List<?> replies = em.createNativeQuery(THREAD + " SELECT o.id, o.mail_id, o.subject, o.recipient,"
                        + " coalesce(o.sent_at, o.created_at), o.status, o.body FROM outbound_mail o"
                        + " WHERE o.mail_id IN (SELECT id FROM thread)")
                .setParameter(1, mailId)
                .setParameter(2, MAX)
                .getResultList();
        return Stream.concat(
                        mails.stream().map(o -> {
                            Object[] r = (Object[]) o;
                            return new ThreadEntry(
                                    "in",
                                    ((Number) r[0]).longValue(),
                                    null,
                                    (String) r[1],
                                    (String) r[2],
                                    (String) r[3],
                                    Rows.instant(r[4]),
                                    null,
                                    null);
                        }),
                        replies.stream().map(o -> {
                            Object[] r = (Object[]) o;
                            return new ThreadEntry(
                                    "out",
                                    Rows.longOrNull(r[1]),
                                    ((Number) r[0]).longValue(),
                                    (String) r[2],
                                    null,
                                    (String) r[3],
                                    Rows.instant(r[4]),
                                    (String) r[5],
                                    (String) r[6]);
                        }))
                .sorted(Comparator.comparing(ThreadEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }
}
