package de.dockeragents.mailer.review.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.InboxFilter;
import de.dockeragents.mailer.review.entity.MailSummary;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;
import de.dockeragents.mailer.review.entity.SearchText;

/**
 * Full-text search over subject, text, sender and attachment names (V16, V25: German and English
 * stems, umlaut and ß variants folded, all in the mail's {@code search_doc}), with the inbox's filters; matches newest first, one group
 * {@code search}. The total is counted up to {@link #COUNT_CAP} past the page's offset: counting
 * every match of a common word would cost more than the page is worth. Below the cap all matches are read by the index and
 * sorted; above it the newest mail is walked until a page is full, which is quick because matches
 * are then dense. Figures: docs/review.md#search.
 */
@ApplicationScoped
@Transactional
public class MailSearch {

    static final int COUNT_CAP = MailList.COUNT_CAP;
    static final String GROUP = "search";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public Page<MailSummary> list(InboxFilter filter, SearchText text, Paging paging) {
        // the plan depends on the words (rare or common); a plan cached for other words could be
        // far off, so PostgreSQL plans each search for its own words
        em.createNativeQuery("SET LOCAL plan_cache_mode = force_custom_plan").executeUpdate();
        Where where = Where.of(filter);
        int n = where.args().size();
        String query = "mail_search_query(?" + (n + 1) + ")";
        String matches = " AND m.search_doc @@ " + query;
        long cap = paging.offset() + COUNT_CAP;
        Query count = em.createNativeQuery(Rows.countUpTo(MailList.from(where) + where.sql() + matches, "?" + (n + 2)));
        where.bind(count);
        count.setParameter(n + 1, text.text()).setParameter(n + 2, cap + 1);
        long total = Rows.count(count.getSingleResult());
        if (total == 0 || paging.offset() >= total) {
            return new Page<>(List.of(), Math.min(total, cap), paging.limit(), paging.offset(), total > cap);
        }
        String sql = total <= cap
                // few matches: read them all by the index, then sort
                ? "WITH hits AS MATERIALIZED (SELECT id FROM mail_message WHERE search_doc @@ " + query + ") "
                        + MailList.SUMMARY + MailList.FROM + " JOIN hits h ON h.id = m.id"
                        + where.sql()
                // many: the newest mail first, until the page is full
                : MailList.SUMMARY + MailList.FROM + where.sql() + matches;
        Query rows = em.createNativeQuery(
                sql + " ORDER BY " + MailList.NEWEST + " LIMIT ?" + (n + 2) + " OFFSET ?" + (n + 3));
        where.bind(rows);
        rows.setParameter(n + 1, text.text())
                .setParameter(n + 2, paging.limit())
                .setParameter(n + 3, paging.offset());
        List<MailSummary> items = ((List<?>) rows.getResultList())
                .stream().map(o -> MailList.summary((Object[]) o, GROUP)).toList();
        return new Page<>(items, Math.min(total, cap), paging.limit(), paging.offset(), total > cap);
    }
}
