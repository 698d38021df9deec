package de.dockeragents.mailer.review.entity;

/** A page of a list: at most {@link #MAX_LIMIT} rows, starting after {@code offset} rows. */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Deeper than any practice's inbox is browsed; keeps a request from asking the database for a huge skip. */
    public static final int MAX_OFFSET = 100_000;

    /** From the query parameters as sent; blank means the default. */
    public static Paging of(String limit, String offset) {
        return new Paging(
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT), number("offset", offset, 0, 0, MAX_OFFSET));
    }

    static int number(String field, String value, int byDefault, int min, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.invalid(field, field + " must be a whole number from " + min + " to " + max);
    }
}
