package de.dockeragents.mailer.review.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.ErasureRecord;

/**
 * The record of requests to be forgotten ({@code privacy_erasure}, V22) and the key that names an address in it
 * ({@code privacy_key}): an HMAC-SHA256, never the address, so the record shows that and when an address was
 * erased and by whom, and the same address asked for again gives the same value, while the list itself (or a
 * copy of it) does not tell whose it was. The key is made at random by the first request and stays in the
 * database; whoever can read the database could test a guessed address against it, nobody can read one back.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PrivacyLog {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** The address's key: HMAC-SHA256 of the lower-cased address, hex. */
    public String keyOf(String address) {
        byte[] secret = secret();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] secret() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        em.createNativeQuery("INSERT INTO privacy_key (id, secret) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, fresh)
                .executeUpdate();
        return (byte[]) em.createNativeQuery("SELECT secret FROM privacy_key WHERE id = 1")
                .getSingleResult();
    }

    /** A run begins: its row, unfinished until {@link #finished}. */
    public long started(String addressKey, String actor) {
        return ((Number) em.createNativeQuery(
                                "INSERT INTO privacy_erasure (address_key, actor) VALUES (?1, ?2) RETURNING id")
                        .setParameter(1, addressKey)
                        .setParameter(2, actor)
                        .getSingleResult())
                .longValue();
    }

    public void finished(long id, Erasure.Counts counts) {
        em.createNativeQuery("UPDATE privacy_erasure SET finished_at = now(), mails = ?2, attachments = ?3,"
                        + " outbound = ?4, unsent = ?5, archive_copies = ?6 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, counts.mails())
                .setParameter(3, counts.attachments())
                .setParameter(4, counts.outbound())
                .setParameter(5, counts.unsent())
                .setParameter(6, counts.archiveCopies())
                .executeUpdate();
    }

    /** The newest runs first. */
    public List<ErasureRecord> list(int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, address_key, actor, started_at, finished_at, mails,"
                        + " attachments, outbound, unsent, archive_copies FROM privacy_erasure"
                        + " ORDER BY started_at DESC, id DESC LIMIT ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new ErasureRecord(
                            ((Number) r[0]).longValue(),
                            ((String) r[1]).substring(0, 16),
                            (String) r[2],
                            Rows.instant(r[3]),
                            r[4] == null ? null : Rows.instant(r[4]),
                            ((Number) r[5]).intValue(),
                            ((Number) r[6]).intValue(),
                            ((Number) r[7]).intValue(),
                            ((Number) r[8]).intValue(),
                            ((Number) r[9]).intValue());
                })
                .toList();
    }
}
