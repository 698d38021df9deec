package de.dockeragents.mailer.review.control;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Column values of native queries, as the PostgreSQL driver hands them over. */
final class Rows {

    private Rows() {}

    static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + v.getClass());
    }

    static Long longOrNull(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    static long count(Object v) {
        return ((Number) v).longValue();
    }

    /**
     * A count of the rows of {@code fromWhere} (a FROM clause with its conditions) that stops at
     * {@code limit} (a number or a parameter): the index walk ends there instead of at the last row.
     */
    static String countUpTo(String fromWhere, String limit) {
        return "SELECT count(*) FROM (SELECT 1" + fromWhere + " LIMIT " + limit + ") x";
    }
}
