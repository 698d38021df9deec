package de.dockeragents.mailer.inbox.control;

import jakarta.mail.AuthenticationFailedException;

/**
 * An exception as the inbox may log it. IMAP errors name hosts and server replies, which are fine to
 * log. Database errors can quote a failing row ("Failing row contains ..."), so of those only the
 * types and SQLSTATE are logged; a failed login's message is left out as well.
 */
final class ErrorText {

    private ErrorText() {}

    static String describe(Throwable e, boolean withMessages) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append(" SQLSTATE ").append(sql.getSQLState());
            } else if (withMessages && !(t instanceof AuthenticationFailedException) && t.getMessage() != null) {
                out.append(": ").append(t.getMessage().lines().findFirst().orElse(""));
            }
            if (t.getCause() == null && t.getStackTrace().length > 0) {
                out.append(" at ").append(t.getStackTrace()[0]);
            }
        }
        return out.toString();
    }
}
