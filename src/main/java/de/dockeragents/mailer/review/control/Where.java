package de.dockeragents.mailer.review.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Query;

import de.dockeragents.mailer.review.entity.InboxFilter;

/**
 * The inbox filter as SQL with its parameters ?1, ?2, ...; {@code byReply}: it filters on the reply's
 * status, {@code byNoReply}: on having none.
 */
record Where(String sql, List<Object> args, boolean byReply, boolean byNoReply) {

    static Where of(InboxFilter filter) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.category() != null) {
            args.add(filter.category());
            where.append(" AND ").append(MailList.CATEGORY).append(" = ?").append(args.size());
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
        return new Where(where.toString(), List.copyOf(args), filter.status() != null, "NONE".equals(filter.status()));
    }

    boolean isEmpty() {
        return args.isEmpty() && !sql.contains(" AND ");
    }

    void bind(Query q) {
        for (int i = 0; i < args.size(); i++) {
            q.setParameter(i + 1, args.get(i));
        }
    }
}
