package de.dockeragents.mailer.review.entity;

import java.util.List;

/**
 * One page of a list, with the total the filter matches so the page can offer "next". {@code more}:
 * the total was counted only up to a cap (a search), and there are more matches than it says.
 */
public record Page<T>(List<T> items, long total, int limit, int offset, boolean more) {

    public Page(List<T> items, long total, int limit, int offset) {
        this(items, total, limit, offset, false);
    }
}
