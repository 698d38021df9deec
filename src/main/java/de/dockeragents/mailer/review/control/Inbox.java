package de.dockeragents.mailer.review.control;

import java.util.ArrayList;
import java.util.List;

import de.dockeragents.mailer.review.entity.Attachment;
import de.dockeragents.mailer.review.entity.ClassificationView;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.InboxFilter;
import de.dockeragents.mailer.review.entity.MailDetail;
import de.dockeragents.mailer.review.entity.MailSummary;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** The staff's view of stored mail: the priority inbox and one mail with its verdict and reply. */
@ApplicationScoped
@Transactional
public class Inbox {

    /** A person's correction wins over triage's category. */
    static final String CATEGORY = "coalesce(c.corrected_category, c.category)";
    /** Most urgent first; unclassified mail ranks with normal until triage has looked at it. */
    static final String URGENCY = "CASE c.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'low' THEN 3 ELSE 2 END";
    static final String FROM = " FROM mail_message m LEFT JOIN classification c ON c.mail_id = m.id"
            + " LEFT JOIN outbound_mail o ON o.mail_id = m.id";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public Page<MailSummary> list(InboxFilter filter, Paging paging) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.category() != null) {
            args.add(filter.category());
            where.append(" AND ").append(CATEGORY).append(" = ?").append(args.size());
        }
        if (filter.priority() != null) {
            args.add(filter.priority());
            where.append(" AND c.priority = ?").append(args.size());
        }
        if (filter.needsReply() != null) {
            args.add(filter.needsReply());
            where.append(" AND c.needs_reply = ?").append(args.size());
        }
        if ("NONE".equals(filter.status())) {
            where.append(" AND o.id IS NULL");
        } else if (filter.status() != null) {
            args.add(filter.status());
            where.append(" AND o.status = ?").append(args.size());
        }
        Query count = em.createNativeQuery("SELECT count(*)" + FROM + where);
        Query page = em.createNativeQuery("SELECT m.id, m.subject, m.from_addr, m.received_at, " + CATEGORY
                + ", c.priority, c.needs_reply, c.classified_by, c.summary, o.id, o.kind, o.status, m.attachment_count"
                + FROM + where + " ORDER BY " + URGENCY + ", m.received_at DESC, m.id DESC LIMIT ?" + (args.size() + 1)
                + " OFFSET ?" + (args.size() + 2));
        for (int i = 0; i < args.size(); i++) {
            count.setParameter(i + 1, args.get(i));
            page.setParameter(i + 1, args.get(i));
        }
        page.setParameter(args.size() + 1, paging.limit()).setParameter(args.size() + 2, paging.offset());
        List<MailSummary> items = ((List<?>) page.getResultList()).stream().map(o -> {
            Object[] r = (Object[]) o;
            return new MailSummary(((Number) r[0]).longValue(), (String) r[1], (String) r[2], Rows.instant(r[3]),
                    (String) r[4], (String) r[5], (Boolean) r[6], (String) r[7], (String) r[8], Rows.longOrNull(r[9]),
                    (String) r[10], (String) r[11], ((Number) r[12]).intValue());
        }).toList();
        return new Page<>(items, Rows.count(count.getSingleResult()), paging.limit(), paging.offset());
    }

    /** The mail, or null when there is none with this id. */
    public MailDetail detail(long id) {
        List<?> rows = em.createNativeQuery("SELECT status, subject, from_addr, reply_to, to_addrs, cc_addrs, sent_at,"
                + " received_at, text_body, html_text FROM mail_message WHERE id = ?1").setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] m = (Object[]) rows.get(0);
        return new MailDetail(id, (String) m[0], (String) m[1], (String) m[2], (String) m[3], (String) m[4],
                (String) m[5], Rows.instant(m[6]), Rows.instant(m[7]), (String) m[8], (String) m[9], attachments(id),
                classification(id), draft(id));
    }

    private List<Attachment> attachments(long mailId) {
        return ((List<?>) em.createNativeQuery("SELECT file_name, detected_type, size_bytes, outcome, virus_scan_status"
                + " FROM attachment WHERE mail_id = ?1 ORDER BY part_path").setParameter(1, mailId).getResultList())
                .stream().map(o -> {
                    Object[] r = (Object[]) o;
                    return new Attachment((String) r[0], (String) r[1], Rows.longOrNull(r[2]), (String) r[3],
                            (String) r[4]);
                }).toList();
    }

    private ClassificationView classification(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT coalesce(corrected_category, category), category, priority,"
                + " language, summary, needs_reply, confidence, classified_by, model, safety_rules, order_numbers,"
                + " updated_at, corrected_by, corrected_at, reply_outcome, reply_reasons FROM classification"
                + " WHERE mail_id = ?1")
                .setParameter(1, mailId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new ClassificationView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                Boolean.TRUE.equals(r[5]), ((Number) r[6]).doubleValue(), (String) r[7], (String) r[8],
                (String) r[9], (String) r[10], Rows.instant(r[11]), (String) r[12], Rows.instant(r[13]),
                (String) r[14], SpamSignal.parse((String) r[15]));
    }

    private Draft draft(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT id FROM outbound_mail WHERE mail_id = ?1").setParameter(1, mailId)
                .getResultList();
        return rows.isEmpty() ? null : Drafts.read(em, ((Number) rows.get(0)).longValue());
    }
}
