package de.dockeragents.mailer.review.entity;

/**
 * Why a request was refused, answered as an RFC 9457 problem: 400 with the field at fault, 404 for
 * an unknown id, 409 when the state changed under the caller, 403 without a valid CSRF token.
 */
public class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public Problem(int status, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static Problem invalid(String field, String detail) {
        return new Problem(400, field, detail);
    }

    public static Problem notFound(String what) {
        return new Problem(404, null, what + " does not exist");
    }

    public static Problem conflict(String detail) {
        return new Problem(409, null, detail);
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
