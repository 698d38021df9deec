package de.dockeragents.mailer.triage.control;

import de.dockeragents.mailer.triage.control.TriageRules.Category;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

/**
 * The deterministic classifier: the category whose keywords occur most (subject counts double;
 * ties go to the category listed first in the profile), its default priority, raised by urgency
 * words. Used when the model is unavailable or its answer is rejected, and as a second opinion.
 */
public final class RulesClassifier {

    /** The verdict and whether any keyword supported it (else it is the profile's default). */
    public record Result(Verdict verdict, boolean matched, boolean urgent) {}

    private final TriageRules rules;
    private final LanguageGuess language;

    public RulesClassifier(TriageRules rules) {
        this.rules = rules;
        this.language = new LanguageGuess(rules.languages());
    }

    public Result classify(MailFacts mail) {
        String subject = Keywords.normalise(mail.subject());
        String body = Keywords.normalise(Quotes.strip(mail.body()));
        Category best = null;
        int bestScore = 0;
        for (Category c : rules.categories()) {
            int score = 2 * c.keywords().count(subject) + c.keywords().count(body);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        boolean matched = best != null;
        Category category = matched ? best : rules.categoryOrDefault(rules.defaultCategory());
        boolean urgent = rules.urgency().foundIn(subject) || rules.urgency().foundIn(body);
        Priority priority = category.priority();
        if (urgent && !category.fixedPriority()) {
            priority = priority.atLeast(rules.urgencyPriority());
        }
        double confidence = matched ? Math.min(0.9, 0.5 + 0.1 * bestScore) : 0.2;
        Verdict v = new Verdict(
                category.name(),
                priority,
                language.of(subject + " " + body),
                Summaries.ofSubject(mail.subject(), rules.ownLanguage()),
                category.needsReply(),
                confidence);
        return new Result(v, matched, urgent);
    }
}
