package de.dockeragents.mailer.spam.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason to believe a mail is spam, phishing or bulk, as staff see it: a stable {@code code}
 * (translated by the page) and a short {@code detail} naming the evidence (a domain, a header's
 * verdict, the phrases found), never an address or the mail's text. Stored one per line as
 * {@code code detail}.
 */
public record SpamSignal(String code, String detail) {

    /** The receiving side's Authentication-Results say SPF, DKIM or DMARC failed. */
    public static final String AUTH_FAILED = "auth_failed";
    /** A spam filter on the way marked the mail (X-Spam-Flag, X-Spam-Status, X-Spam). */
    public static final String SPAM_FLAG = "spam_flag";
    /** The mailbox marks the mail as junk (IMAP keyword, Gmail's spam label). */
    public static final String JUNK_MARK = "junk_mark";
    /** Replies would go to another domain than the sender's, on a mail with lure phrases. */
    public static final String REPLY_TO_LURE = "reply_to_lure";
    /** The text reads like a scam: several of the profile's lure phrases. */
    public static final String LURE_TEXT = "lure_text";
    /** A link whose visible text shows another domain than the one it leads to. */
    public static final String LINK_MISMATCH = "link_mismatch";
    /** A link to a host that mixes scripts in one label (an IDN look-alike, e.g. Cyrillic "а" in "pаypal"). */
    public static final String LOOKALIKE_DOMAIN = "lookalike_domain";

    private static final int MAX_DETAIL = 200;

    public SpamSignal {
        if (!code.matches("[a-z][a-z_]{0,39}")) {
            throw new IllegalArgumentException("bad signal code " + code);
        }
        detail = detail == null ? "" : detail.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
    }

    public String line() {
        return detail.isEmpty() ? code : code + " " + detail;
    }

    /** The stored form: one signal per line; null for none. */
    public static String lines(Collection<SpamSignal> signals) {
        return signals.isEmpty() ? null : signals.stream().map(SpamSignal::line).collect(Collectors.joining("\n"));
    }

    /** Reads the stored form back; lines that are not signals are skipped. */
    public static List<SpamSignal> parse(String lines) {
        List<SpamSignal> out = new ArrayList<>();
        if (lines == null) {
            return out;
        }
        for (String line : lines.split("\n")) {
            String s = line.strip();
            int space = s.indexOf(' ');
            String code = space < 0 ? s : s.substring(0, space);
            if (code.matches("[a-z][a-z_]{0,39}")) {
                out.add(new SpamSignal(code, space < 0 ? "" : s.substring(space + 1)));
            }
        }
        return out;
    }
}
