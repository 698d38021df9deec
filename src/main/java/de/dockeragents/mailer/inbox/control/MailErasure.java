package de.dockeragents.mailer.inbox.control;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.platform.control.Ids;

/**
 * The inbox's part of retention and of a request to be forgotten: which stored mail is older than a cutoff or
 * names an address (From, Reply-To, To, Cc), and deleting mail rows with their raw messages. The other owners
 * delete what refers to a mail before this does, so a run cut short finds the rest by the mail that is left.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class MailErasure {

    /** One step through the mail that may name an address: the matches, and where to go on after. */
    public record Scan(List<Long> matches, long lastId, boolean more) {}

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** Mail received before the cutoff, oldest ids first. */
    public List<Long> olderThan(OffsetDateTime cutoff, int limit) {
        return ids(em.createNativeQuery("SELECT id FROM mail_message WHERE received_at < ?1 ORDER BY id LIMIT ?2")
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList());
    }

    /**
     * Mail after {@code afterId} whose headers contain the address as text, checked exactly by parsing each
     * header (the text search alone would find {@code jo.ann@x.de} for {@code ann@x.de}).
     */
    public Scan naming(String address, long afterId, int limit) {
        String wanted = address.toLowerCase(Locale.ROOT);
        List<?> rows = em.createNativeQuery(
                        "SELECT id, from_addr, reply_to, to_addrs, cc_addrs FROM mail_message WHERE id > ?1 AND"
                                + " strpos(lower(concat_ws(' ', from_addr, reply_to, to_addrs, cc_addrs)), ?2) > 0"
                                + " ORDER BY id LIMIT ?3")
                .setParameter(1, afterId)
                .setParameter(2, wanted)
                .setParameter(3, limit)
                .getResultList();
        List<Long> matches = new ArrayList<>();
        long last = afterId;
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            last = ((Number) r[0]).longValue();
            for (int i = 1; i < r.length; i++) {
                if (Addresses.names((String) r[i], wanted)) {
                    matches.add(last);
                    break;
                }
            }
        }
        return new Scan(matches, last, rows.size() == limit);
    }

    /** Deletes the mail rows and their raw messages; the number of mail rows deleted. */
    public int delete(List<Long> mailIds) {
        if (mailIds.isEmpty()) {
            return 0;
        }
        String ids = Ids.sql(mailIds);
        em.createNativeQuery("DELETE FROM mail_raw WHERE mail_id IN (" + ids + ")")
                .executeUpdate();
        return em.createNativeQuery("DELETE FROM mail_message WHERE id IN (" + ids + ")")
                .executeUpdate();
    }

    private static List<Long> ids(List<?> rows) {
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }
}
