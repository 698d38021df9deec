package de.dockeragents.mailer.review.control;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.dockeragents.mailer.attachment.boundary.AttachmentProcessor;
import de.dockeragents.mailer.attachment.control.Attachments;
import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.review.entity.Attachment;
import de.dockeragents.mailer.review.entity.ClassificationView;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.InboxCounts;
import de.dockeragents.mailer.review.entity.InboxFilter;
import de.dockeragents.mailer.review.entity.MailDetail;
import de.dockeragents.mailer.review.entity.MailSummary;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.triage.control.TriageRules;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * The staff's view of stored mail and one mail with its verdict and reply. The inbox opens on what
 * needs a person: first urgent mail of the last days ({@link Attention}), whatever its reply state;
 * then mail whose draft waits; then the rest, newest first. Each group is its own query over an index
 * (the received time, the reply's status), and a page is cut across them, so no request sorts the
 * whole mailbox (measured with 200,000 mails in docs/review.md).
 */
@ApplicationScoped
@Transactional
public class MailList {

    /** A person's correction wins over triage's category. */
    static final String CATEGORY = "coalesce(c.corrected_category, c.category)";
    /** Most urgent first; unclassified mail ranks with normal until triage has looked at it. */
    static final String URGENCY = Priority.sqlRank("c.priority", Priority.NORMAL);

    /** Stored mail alone: enough for a count whose filter needs neither verdict nor reply. */
    static final String FROM_MAIL = " FROM mail_message m";
    /** Each mail's verdict and reply (at most one row each). */
    static final String JOINS =
            " LEFT JOIN classification c ON c.mail_id = m.id LEFT JOIN outbound_mail o ON o.mail_id = m.id";

    static final String FROM = FROM_MAIL + JOINS;
    /**
     * The reply looked up per mail (at most one; the LIMIT keeps the planner from reading the whole
     * table to find the mail without one, a filter on "no reply").
     */
    static final String REPLY_PER_MAIL = " LEFT JOIN LATERAL (SELECT id, kind, status, suspicious FROM outbound_mail"
            + " WHERE mail_id = m.id LIMIT 1) o ON true";

    /**
     * The attention group's rows, read from the verdicts: mail that needs attention has one, and the
     * week's urgent verdicts are found by the indexes of V27 (urgent priority, effective category and time),
     * so the work grows with the week's urgent mail, not with all of the week's mail.
     */
    static final String FROM_VERDICTS =
            " FROM classification c JOIN mail_message m ON m.id = c.mail_id" + REPLY_PER_MAIL;

    static final String NEWEST = "m.received_at DESC, m.id DESC";

    /**
     * Lists count their total only this far past the page's offset: exact below, "more than" above
     * ({@link Page#more}), so a page of a million mails costs what a page of a thousand does.
     */
    static final int COUNT_CAP = 1000;

    /** The columns of one row of the list, read by {@link #summary}. */
    static final String SUMMARY = "SELECT m.id, m.subject, m.from_addr, m.received_at, " + CATEGORY
            + ", c.priority, c.needs_reply, c.classified_by, c.summary, o.id, o.kind, o.status, m.attachment_count,"
            + " coalesce(o.suspicious, false)";

    /** The inbox's groups in the order the page shows them; {@code wire} is MailSummary.group. */
    enum Group {
        ATTENTION("attention"),
        DRAFT("draft"),
        REST("rest");

        final String wire;

        Group(String wire) {
            this.wire = wire;
        }
    }

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    AttachmentProcessor attachments;

    @Inject
    @ConfigProperty(name = Profile.KEY)
    String profile;

    private Attention attention;

    @PostConstruct
    void init() {
        attention = Attention.of(TriageRules.load(profile));
    }

    public Page<MailSummary> list(InboxFilter filter, Paging paging) {
        Where where = Where.of(filter);
        long[] sizes = sizes(where, paging.offset() + COUNT_CAP);
        List<MailSummary> items = new ArrayList<>();
        long skip = paging.offset();
        for (Group g : Group.values()) {
            int room = paging.limit() - items.size();
            if (room == 0) {
                break;
            }
            if (skip >= sizes[g.ordinal()]) {
                skip -= sizes[g.ordinal()];
                continue;
            }
            items.addAll(rows(where, g, skip, room));
            skip = 0;
        }
        boolean more = sizes[3] > 0;
        // more: the filter matches more than this, which is what the page says ("1–25 / 1025+")
        long total = sizes[0] + sizes[1] + (more ? paging.offset() + COUNT_CAP : sizes[2]);
        return new Page<>(items, total, paging.limit(), paging.offset(), more);
    }

    /**
     * The page's header: how many mails each group holds, without filters; the rest up to
     * {@link #COUNT_CAP}, then "more" ({@link InboxCounts#more}).
     */
    public InboxCounts counts() {
        long[] sizes = sizes(Where.of(new InboxFilter(null, null, null, null)), COUNT_CAP);
        boolean more = sizes[3] > 0;
        return new InboxCounts(sizes[0], sizes[1], more ? COUNT_CAP : sizes[2], more);
    }

    /**
     * How many rows each group has under the filter: the attention and draft groups exactly (a week's
     * urgent mail, the drafts waiting: few by nature), the rest counted only up to {@code restCap} rows
     * past them, as counting a million would cost more than the page is worth. The fourth number is 1
     * when the rest holds more than that; the rest's size then stands for "unbounded" in the paging.
     */
    private long[] sizes(Where where, long restCap) {
        long urgent = count(FROM_VERDICTS, where, condition(Group.ATTENTION), Long.MAX_VALUE);
        long drafts = count(FROM, where, condition(Group.DRAFT), Long.MAX_VALUE);
        long bound = urgent + drafts + restCap;
        // without a filter on triage or reply, the total needs neither table
        long total = count(countFrom(where), where, "", bound + 1);
        boolean more = total > bound;
        return new long[] {urgent, drafts, more ? Long.MAX_VALUE : Math.max(0, total - urgent - drafts), more ? 1 : 0};
    }

    /** Each group's rows: the attention group from the last days' verdicts, drafts from the reply's status, the rest by time. */
    private String condition(Group g) {
        return switch (g) {
            case ATTENTION -> " AND " + attention.fromVerdicts();
            case DRAFT -> " AND " + attention.not() + " AND o.status = 'DRAFT'";
            case REST -> " AND " + attention.not() + " AND o.status IS DISTINCT FROM 'DRAFT'";
        };
    }

    /**
     * What the list's capped total under this filter reads: only the tables the filter needs. A filter on
     * the verdict alone counts verdicts (each is one mail's, and mail without one matches no such filter).
     */
    static String countFrom(Where where) {
        if (where.isEmpty()) {
            return FROM_MAIL;
        }
        if (!where.byReply()) {
            return " FROM classification c";
        }
        return where.byNoReply()
                ? FROM_MAIL + " LEFT JOIN classification c ON c.mail_id = m.id" + REPLY_PER_MAIL
                : FROM;
    }

    /** What a count under this filter reads: the mail alone when the filter needs neither verdict nor reply. */
    static String from(Where where) {
        return where.isEmpty() ? FROM_MAIL : FROM;
    }

    /** Counts the rows, but stops at {@code upTo} (Long.MAX_VALUE: all of them). */
    private long count(String from, Where where, String condition, long upTo) {
        String select = upTo == Long.MAX_VALUE
                ? "SELECT count(*)" + from + where.sql() + condition
                : Rows.countUpTo(from + where.sql() + condition, String.valueOf(upTo));
        Query q = em.createNativeQuery(select);
        where.bind(q);
        return Rows.count(q.getSingleResult());
    }

    private List<MailSummary> rows(Where where, Group g, long offset, int limit) {
        String order = g == Group.REST ? NEWEST : URGENCY + ", " + NEWEST;
        int n = where.args().size();
        String page = " ORDER BY " + order + " LIMIT ?" + (n + 1) + " OFFSET ?" + (n + 2);
        // the attention group: the page's mail found from the verdicts first, then only its rows read whole
        Query q = em.createNativeQuery(
                g == Group.ATTENTION
                        ? SUMMARY + FROM + " WHERE m.id IN (SELECT m.id" + FROM_VERDICTS + where.sql() + condition(g)
                                + page + ") ORDER BY " + order
                        : SUMMARY + FROM + where.sql() + condition(g) + page);
        where.bind(q);
        q.setParameter(n + 1, limit).setParameter(n + 2, offset);
        return ((List<?>) q.getResultList())
                .stream().map(o -> summary((Object[]) o, g.wire)).toList();
    }

    /** The columns of {@link #SUMMARY} as one row of the list. */
    static MailSummary summary(Object[] r, String group) {
        return new MailSummary(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                Rows.instant(r[3]),
                (String) r[4],
                (String) r[5],
                (Boolean) r[6],
                (String) r[7],
                (String) r[8],
                Rows.longOrNull(r[9]),
                (String) r[10],
                (String) r[11],
                ((Number) r[12]).intValue(),
                group,
                "SENT".equals(r[11]),
                Boolean.TRUE.equals(r[13]));
    }

    /** The mail, or null when there is none with this id. */
    public MailDetail detail(long id) {
        List<?> rows = em.createNativeQuery("SELECT status, subject, from_addr, reply_to, to_addrs, cc_addrs, sent_at,"
                        + " received_at, text_body, html_text FROM mail_message WHERE id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] m = (Object[]) rows.get(0);
        return new MailDetail(
                id,
                (String) m[0],
                (String) m[1],
                (String) m[2],
                (String) m[3],
                (String) m[4],
                (String) m[5],
                Rows.instant(m[6]),
                Rows.instant(m[7]),
                (String) m[8],
                (String) m[9],
                attachments(id),
                classification(id),
                draft(id));
    }

    /** Read through the attachment component, which owns the table and the files. */
    private List<Attachment> attachments(long mailId) {
        Attachments a = attachments.attachments();
        if (a == null) {
            return List.of();
        }
        try {
            return a.files().ofMail(mailId).stream().map(Attachment::of).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the attachments of mail " + mailId, e);
        }
    }

    private ClassificationView classification(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT coalesce(c.corrected_category, c.category), c.category, c.priority,"
                        + " c.language, c.summary, c.needs_reply, c.confidence, c.classified_by, c.model, c.safety_rules,"
                        + " c.order_numbers, c.updated_at, c.corrected_by, c.corrected_at, p.outcome, p.reasons"
                        + " FROM classification c LEFT JOIN reply_plan p ON p.mail_id = c.mail_id WHERE c.mail_id = ?1")
                .setParameter(1, mailId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new ClassificationView(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                Boolean.TRUE.equals(r[5]),
                ((Number) r[6]).doubleValue(),
                (String) r[7],
                (String) r[8],
                (String) r[9],
                (String) r[10],
                Rows.instant(r[11]),
                (String) r[12],
                Rows.instant(r[13]),
                (String) r[14],
                SpamSignal.parse((String) r[15]));
    }

    private Draft draft(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT id FROM outbound_mail WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .getResultList();
        return rows.isEmpty() ? null : Drafts.read(em, ((Number) rows.get(0)).longValue());
    }
}
