package de.dockeragents.mailer.spam.control;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.Flags;

import de.dockeragents.mailer.spam.entity.SpamSignal;

/**
 * The mailbox's own "this is junk": the keywords mail clients and filters set ({@code $Junk},
 * {@code Junk}, {@code \Junk}; {@code $NotJunk} says a person decided otherwise) and Gmail's spam
 * label ({@code X-GM-LABELS}). Read from the flags fetched with the message list, so it costs no
 * extra command. (Gmail keeps spam out of INBOX, so there it matters for other folders.)
 */
public final class JunkMarks {

    private static final Set<String> JUNK = Set.of("$junk", "junk", "\\junk", "\\spam", "spam");
    private static final Set<String> NOT_JUNK = Set.of("$notjunk", "notjunk", "nonjunk", "$nonjunk");

    private JunkMarks() {}

    /** The mark found, as a signal; {@code gmailLabels} null where the server has none. */
    public static Optional<SpamSignal> of(Flags flags, String[] gmailLabels) {
        if (flags != null) {
            String[] keywords = flags.getUserFlags();
            boolean notJunk = false;
            String junk = null;
            for (String k : keywords) {
                String lower = k.toLowerCase(Locale.ROOT);
                notJunk |= NOT_JUNK.contains(lower);
                if (junk == null && JUNK.contains(lower)) {
                    junk = k;
                }
            }
            if (junk != null && !notJunk) {
                return Optional.of(new SpamSignal(SpamSignal.JUNK_MARK, "IMAP keyword " + junk));
            }
        }
        if (gmailLabels != null) {
            for (String label : gmailLabels) {
                if (label != null && JUNK.contains(label.toLowerCase(Locale.ROOT))) {
                    return Optional.of(new SpamSignal(SpamSignal.JUNK_MARK, "Gmail label " + label));
                }
            }
        }
        return Optional.empty();
    }
}
