package de.dockeragents.mailer.platform.entity;

/**
 * The proof of holding a lease that a write carries: the lease's name and the token of this tenure. A
 * fenced statement adds {@link #SQL} to its WHERE clause, so the check and the write are one statement: a
 * holder that paused past its lease (the token has moved on) changes nothing. {@code FOR SHARE} makes a
 * takeover wait for a fenced write in flight, and a write that waited on a takeover sees the new token.
 */
public record Fence(String lease, long token) {

    /** The condition, with the lease's name and the token as the parameters {@code ?nameParam}, {@code ?nameParam+1}. */
    public static String sql(int nameParam) {
        return "EXISTS (SELECT 1 FROM lease WHERE name = ?" + nameParam + " AND token = ?" + (nameParam + 1)
                + " FOR SHARE)";
    }
}
