package de.dockeragents.mailer.platform.control;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The {@code lease} table (V18), its only writer. Times are the database's ({@code now()}), so the
 * instances' clocks never have to agree. Each call commits on its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class LeaseStore {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /**
     * Takes or renews the lease for {@code ttl}: its token, or empty while another holder's has not expired.
     * The token stays while the holder stays and grows by one with every new holder.
     */
    public OptionalLong take(String name, String holder, Duration ttl) {
        return take(name, holder, ttl, "");
    }

    /**
     * As {@link #take}, and also from a holder whose liveness lease ({@code instance:<holder>}) ran out: a pass
     * that died with its instance is free after the lease time, not only after its own (long) one.
     */
    public OptionalLong takeFromTheLiving(String name, String holder, Duration max) {
        return take(
                name,
                holder,
                max,
                " OR NOT EXISTS (SELECT 1 FROM lease i WHERE i.name = 'instance:' || l.holder AND i.expires_at > now())");
    }

    private OptionalLong take(String name, String holder, Duration ttl, String orFree) {
        List<?> r = em.createNativeQuery("INSERT INTO lease AS l (name, holder, token, expires_at)"
                        + " VALUES (?1, ?2, 1, now() + ?3 * interval '1 millisecond')"
                        + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,"
                        + " token = CASE WHEN l.holder = EXCLUDED.holder THEN l.token ELSE l.token + 1 END,"
                        + " acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE now() END,"
                        + " expires_at = EXCLUDED.expires_at"
                        + " WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()" + orFree + " RETURNING l.token")
                .setParameter(1, name)
                .setParameter(2, holder)
                .setParameter(3, ttl.toMillis())
                .getResultList();
        return r.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) r.get(0)).longValue());
    }

    /** Gives the lease up at once (on shutdown), so a standby need not wait for it to expire. */
    public void release(String name, String holder) {
        em.createNativeQuery("UPDATE lease SET expires_at = now() - interval '1 second' WHERE name = ?1"
                        + " AND holder = ?2")
                .setParameter(1, name)
                .setParameter(2, holder)
                .executeUpdate();
    }

    /** Forgets the liveness leases of instances gone for a day (each start has one of its own). */
    public int forgetGone() {
        return em.createNativeQuery(
                        "DELETE FROM lease WHERE name LIKE 'instance:%' AND expires_at < now() - interval '1 day'")
                .executeUpdate();
    }
}
