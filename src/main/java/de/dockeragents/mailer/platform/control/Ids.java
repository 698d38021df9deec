package de.dockeragents.mailer.platform.control;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Row ids as an SQL list, {@code 1,2,3}: the erasures pass a batch of ids to each owner's delete, and
 * EclipseLink binds no array parameters; numbers written by us are safe to put into the statement.
 */
public final class Ids {

    private Ids() {}

    /** The ids joined by commas; never empty (callers skip an empty batch). */
    public static String sql(Collection<Long> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids");
        }
        return ids.stream().map(id -> Long.toString(id)).collect(Collectors.joining(","));
    }
}
