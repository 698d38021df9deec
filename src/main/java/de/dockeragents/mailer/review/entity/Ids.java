package de.dockeragents.mailer.review.entity;

/** Ids from a URL path: positive whole numbers, else a 400 naming the parameter. */
public final class Ids {

    private Ids() {}

    public static long parse(String field, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.invalid(field, field + " must be a positive whole number");
    }
}
