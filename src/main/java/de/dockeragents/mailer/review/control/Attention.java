package de.dockeragents.mailer.review.control;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import de.dockeragents.mailer.triage.control.TriageRules;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * What "needs attention" means on the staff page, as SQL over the inbox's join ({@link MailList#FROM}):
 * mail of the last {@link #WINDOW} that triage rated urgent or put into a category whose priority is
 * urgent (the practice's emergencies, also after a person corrected the category), whatever became of
 * its reply. An emergency answered by the automatic template still needs a person: it comes first.
 */
final class Attention {

    static final Duration WINDOW = Duration.ofDays(7);
    /** The classification table's CHECK on category names: safe to write into SQL as a literal. */
    private static final String CATEGORY_NAME = "[a-z][a-z0-9_]{0,39}";

    private final String condition;

    private Attention(String condition) {
        this.condition = condition;
    }

    static Attention of(TriageRules rules) {
        List<String> urgent = rules.categories().stream()
                .filter(c -> c.priority() == Priority.URGENT)
                .map(TriageRules.Category::name)
                .filter(n -> n.matches(CATEGORY_NAME))
                .toList();
        String byCategory = urgent.isEmpty()
                ? ""
                : " OR " + MailList.CATEGORY + " IN ("
                        + urgent.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + ")";
        return new Attention("(m.received_at > now() - interval '" + WINDOW.toDays() + " days'"
                + " AND (c.priority = 'urgent'" + byCategory + "))");
    }

    /**
     * The same, as read from the verdicts of the last days (their time is at or after the mail's, which is
     * stored before it is classified; an hour's slack for the two clocks): the condition for {@link
     * MailList#FROM_VERDICTS}, where the indexes of V27 find the week's urgent verdicts without the
     * week's other mail.
     */
    String fromVerdicts() {
        return "(c.created_at > now() - interval '" + WINDOW.toDays() + " days 1 hour' AND " + condition + ")";
    }

    /** True for every other mail, also the unclassified. */
    String not() {
        return condition + " IS NOT TRUE";
    }
}
