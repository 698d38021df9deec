package de.dockeragents.mailer.triage.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.dockeragents.mailer.platform.control.Language;

/**
 * One clean line for the staff's list: no links, no addresses, no control characters, bounded; what
 * was removed is marked in the profile's own language ({@code own}).
 */
public final class Summaries {

    public static final int MAX = 200;
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)\\S+");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]+");

    private Summaries() {}

    public static String clean(String text, Language own) {
        if (text == null) {
            return "";
        }
        String s = CONTROL.matcher(text).replaceAll(" ");
        s = LINK.matcher(s).replaceAll(Matcher.quoteReplacement(own.text("draft.link-removed")));
        s = ADDRESS.matcher(s).replaceAll(Matcher.quoteReplacement(own.text("draft.address-removed")));
        s = s.replaceAll("\\s+", " ").strip();
        if (s.length() > MAX) {
            int end = Character.isHighSurrogate(s.charAt(MAX - 2)) ? MAX - 2 : MAX - 1;
            s = s.substring(0, end) + "…";
        }
        return s;
    }

    /** The rules cannot summarise: the subject stands in for the summary. */
    public static String ofSubject(String subject, Language own) {
        String s = clean(subject, own);
        return s.isEmpty() ? own.text("summary.no-subject") : s;
    }
}
