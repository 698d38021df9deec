package de.dockeragents.mailer.triage.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.events.entity.EventType;
import de.dockeragents.mailer.events.entity.NewEvent;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.ClassificationSaved;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

/**
 * Triage's reads and writes. Mail is read with SQL from the inbox's tables (triage needs no handle
 * on the inbox's entities); classifications are upserted so re-classification replaces the row.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class TriageStore {

    /** The header block is all the loop guard needs; 32 KiB holds any real one. */
    static final int HEADER_BYTES = 32 * 1024;

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    Event<ClassificationSaved> saved;

    @Inject
    EventOutbox events;

    /** The mail, or null when it is gone or not a parsed mail. */
    public MailFacts load(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT m.id, m.from_addr, m.reply_to, m.subject,"
                        + " m.text_body, m.received_at, m.message_id, m.references_hdr,"
                        + " m.auto_submitted, m.precedence, m.list_id, m.list_unsubscribe,"
                        + " substring(r.raw from 1 for " + HEADER_BYTES + "), m.spam_hints, m.html_text"
                        + " FROM mail_message m LEFT JOIN mail_raw r ON r.mail_id = m.id"
                        + " WHERE m.id = ?1 AND m.status = 'STORED'")
                .setParameter(1, mailId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new MailFacts(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                shownText((String) r[4], (String) r[14]),
                time(r[5]),
                (String) r[6],
                (String) r[7],
                (String) r[8],
                (String) r[9],
                (String) r[10],
                Boolean.TRUE.equals(r[11]),
                headerBlock((byte[]) r[12]),
                (String) r[13]);
    }

    /**
     * The body as staff read it: the plain-text part, or the HTML part rendered to text when there is
     * no plain text or it is blank (an HTML-only mail, or an empty text/plain alternative).
     */
    static String shownText(String text, String html) {
        return text == null || text.isBlank() ? html : text;
    }

    /**
     * Stores the decision: a first classification, or a re-classification replacing it. On a first one
     * {@link ClassificationSaved} is fired within this transaction.
     */
    public void save(Decision d) {
        List<?> inserted = em.createNativeQuery(
                        "INSERT INTO classification (mail_id, category, priority, language, summary, needs_reply,"
                                + " confidence, classified_by, model, ai_outcome, safety_rules, order_numbers, duration_ms)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                                + " ON CONFLICT (mail_id) DO UPDATE SET category = EXCLUDED.category, priority = EXCLUDED.priority,"
                                + " language = EXCLUDED.language, summary = EXCLUDED.summary, needs_reply = EXCLUDED.needs_reply,"
                                + " confidence = EXCLUDED.confidence, classified_by = EXCLUDED.classified_by, model = EXCLUDED.model,"
                                + " ai_outcome = EXCLUDED.ai_outcome, safety_rules = EXCLUDED.safety_rules,"
                                + " order_numbers = EXCLUDED.order_numbers, duration_ms = EXCLUDED.duration_ms, updated_at = now()"
                                // xmax is 0 on a row this statement inserted, not on one it updated
                                + " RETURNING (xmax = 0)")
                .setParameter(1, d.mailId())
                .setParameter(2, d.verdict().category())
                .setParameter(3, d.verdict().priority().wire())
                .setParameter(4, d.verdict().language())
                .setParameter(5, d.verdict().summary())
                .setParameter(6, d.verdict().needsReply())
                .setParameter(7, (float) d.verdict().confidence())
                .setParameter(8, d.classifiedBy().name().toLowerCase(Locale.ROOT))
                .setParameter(9, d.model())
                .setParameter(10, d.aiOutcome().wire())
                .setParameter(11, String.join(" ", d.safetyRules()))
                .setParameter(12, String.join(" ", d.orderNumbers()))
                .setParameter(13, d.durationMs())
                .getResultList();
        em.createNativeQuery("DELETE FROM triage_claim WHERE mail_id = ?1")
                .setParameter(1, d.mailId())
                .executeUpdate();
        if (!inserted.isEmpty() && Boolean.TRUE.equals(inserted.get(0))) {
            saved.fire(new ClassificationSaved(d.mailId()));
            events.record(classified(d));
        }
    }

    /** {@code email.classified}, on the first classification: the verdict; the model's summary only where opted in. */
    static NewEvent classified(Decision d) {
        return NewEvent.of(EventType.EMAIL_CLASSIFIED)
                .with("mail_id", d.mailId())
                .with("category", d.verdict().category())
                .with("priority", d.verdict().priority().wire())
                .with("language", d.verdict().language())
                .with("needs_reply", d.verdict().needsReply())
                .with("confidence", d.verdict().confidence())
                .with("classified_by", d.classifiedBy().name().toLowerCase(Locale.ROOT))
                .with("safety_rules", d.safetyRules())
                .personal("summary", d.verdict().summary());
    }

    /**
     * The category staff see for a mail (a person's correction wins), the mail locked against a second
     * correction until the caller's transaction ends; empty when there is no such mail, null inside when
     * it is not classified yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Shown> shownCategoryLocked(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT coalesce(c.corrected_category, c.category) FROM mail_message m"
                        + " LEFT JOIN classification c ON c.mail_id = m.id WHERE m.id = ?1 FOR UPDATE OF m")
                .setParameter(1, mailId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Shown((String) rows.get(0)));
    }

    /** What {@link #shownCategoryLocked} found: the category, or null before the first classification. */
    public record Shown(String category) {}

    /** A person's category beside triage's own, with who and when; from then on what staff see and filter by. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void correct(long mailId, String category, String by) {
        em.createNativeQuery("UPDATE classification SET corrected_category = ?1, corrected_by = ?2,"
                        + " corrected_at = now() WHERE mail_id = ?3")
                .setParameter(1, category)
                .setParameter(2, by)
                .setParameter(3, mailId)
                .executeUpdate();
    }

    /** The stored decision on a mail, as {@code Classified} carried it; null when it has none. */
    public Decision decision(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT category, priority, language, summary, needs_reply, confidence,"
                        + " classified_by, model, ai_outcome, safety_rules, order_numbers, duration_ms FROM classification"
                        + " WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        Verdict v = new Verdict(
                (String) r[0],
                Priority.of((String) r[1]),
                (String) r[2],
                (String) r[3],
                Boolean.TRUE.equals(r[4]),
                ((Number) r[5]).doubleValue());
        return new Decision(
                mailId,
                v,
                ClassifiedBy.valueOf(((String) r[6]).toUpperCase(Locale.ROOT)),
                AiOutcome.valueOf(((String) r[8]).toUpperCase(Locale.ROOT)),
                (String) r[7],
                words((String) r[9]),
                words((String) r[10]),
                ((Number) r[11]).longValue());
    }

    public ClassifiedBy classifiedBy(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT classified_by FROM classification WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .getResultList();
        return rows.isEmpty() ? null : ClassifiedBy.valueOf(((String) rows.get(0)).toUpperCase(Locale.ROOT));
    }

    /**
     * Stored mail without a classification, oldest first: new mail, or mail a crash left behind; not the mail
     * another living instance is classifying ({@code holder}: this one).
     */
    public List<Long> unclassified(int limit, String holder) {
        return unclassified(limit, false, holder);
    }

    /** The same, of the mail from the mailbox's history ({@code history} true) or of the rest. */
    public List<Long> unclassified(int limit, boolean history, String holder) {
        return ids(em.createNativeQuery("SELECT m.id FROM mail_message m WHERE m.status = 'STORED' AND m.history = ?2"
                        + " AND NOT EXISTS (SELECT 1 FROM classification c WHERE c.mail_id = m.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM triage_claim t WHERE t.mail_id = m.id AND t.holder <> ?3"
                        + " AND " + LIVING + ") ORDER BY m.id LIMIT ?1")
                .setParameter(1, limit)
                .setParameter(2, history)
                .setParameter(3, holder)
                .getResultList());
    }

    /** A claim's holder lives: its liveness lease (platform's Leases) has not run out. */
    private static final String LIVING =
            "EXISTS (SELECT 1 FROM lease l WHERE l.name = 'instance:' || t.holder" + " AND l.expires_at > now())";

    /**
     * Of these mails, those this instance ({@code holder}) may classify: not claimed, claimed by it already,
     * or claimed by an instance that is gone. One statement, so two instances never both get a mail.
     */
    public List<Long> claim(List<Long> mailIds, String holder) {
        if (mailIds.isEmpty()) {
            return List.of();
        }
        String ids = String.join(",", mailIds.stream().map(String::valueOf).toList());
        return ids(em.createNativeQuery("INSERT INTO triage_claim AS t (mail_id, holder)"
                        + " SELECT m.id, ?2 FROM mail_message m WHERE m.id = ANY (string_to_array(?1, ',')::bigint[])"
                        + " ON CONFLICT (mail_id) DO UPDATE SET holder = EXCLUDED.holder, claimed_at = now()"
                        + " WHERE t.holder = EXCLUDED.holder OR NOT " + LIVING + " RETURNING t.mail_id")
                .setParameter(1, ids)
                .setParameter(2, holder)
                .getResultList());
    }

    /** Mail the rules decided because the model was away (not because it answered off-schema, nor safety-first). */
    public List<Long> rulesClassified(Duration maxAge, int limit) {
        return ids(em.createNativeQuery("SELECT c.mail_id FROM classification c WHERE c.classified_by = 'rules'"
                        + " AND c.ai_outcome <> 'off_schema' AND c.ai_outcome <> 'safety'"
                        + " AND c.created_at > now() - (?1 * interval '1 second') ORDER BY c.updated_at LIMIT ?2")
                .setParameter(1, maxAge.toSeconds())
                .setParameter(2, limit)
                .getResultList());
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.strip().split(" "));
    }

    private static List<Long> ids(List<?> rows) {
        return rows.stream().map(o -> ((Number) o).longValue()).toList();
    }

    private static OffsetDateTime time(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    /** Header bytes are ASCII by RFC 5322; stray 8-bit bytes are kept as Latin-1 rather than failing. */
    static String headerBlock(byte[] raw) {
        if (raw == null) {
            return "";
        }
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) {
            end = s.indexOf("\n\n");
        }
        return end < 0 ? s : s.substring(0, end);
    }
}
