package de.dockeragents.mailer.review.entity;

/**
 * What a person typed into the search box: words, "a phrase", -excluded, or. Null means no search.
 * Up to 200 characters; PostgreSQL's websearch syntax never fails on odd input.
 */
public record SearchText(String text) {

    public static final int MAX_LENGTH = 200;

    /** Null when q is absent or blank. */
    public static SearchText of(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String t = q.strip();
        if (t.length() > MAX_LENGTH) {
            throw Problem.invalid("q", "q must be at most " + MAX_LENGTH + " characters");
        }
        if (t.chars().anyMatch(c -> c < 0x20)) {
            throw Problem.invalid("q", "q must not contain control characters");
        }
        return new SearchText(t);
    }
}
