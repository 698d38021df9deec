package de.dockeragents.mailer.inbox.control;

/** Text made safe for a PostgreSQL text column. */
final class Texts {

    private Texts() {}

    /** An empty or blank text part is no text: the reader is shown the HTML part instead. */
    static String nullIfBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** PostgreSQL text cannot hold NUL; a stray one must not fail a whole batch. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** Line ends as a reader expects them: CRLF and lone CR become LF. */
    static String lines(String s) {
        return s == null ? null : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
