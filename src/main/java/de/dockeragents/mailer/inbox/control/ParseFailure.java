package de.dockeragents.mailer.inbox.control;

/** A message whose structure or content cannot be read; it is stored raw with status PARSE_ERROR. */
public class ParseFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public ParseFailure(Throwable cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    /** The strict reading failed with {@code cause}, and the lenient one as {@code lenient} says. */
    public ParseFailure(Throwable cause, String lenient) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage() + "; read leniently: " + lenient, cause);
    }

    /** A short reason for the database: the exception type and message, no content of the mail. */
    public String reason() {
        return Texts.cap(getMessage(), 500);
    }
}
