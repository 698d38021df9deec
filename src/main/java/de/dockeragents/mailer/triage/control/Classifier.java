package de.dockeragents.mailer.triage.control;

import java.time.Duration;
import java.util.Optional;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

/**
 * Turns the model's reply (or its absence) into the decision stored for a mail: the model's verdict
 * if it passes {@link AnswerCheck}, else the rules' verdict; then the {@link SafetyLayer} on either;
 * order numbers by code. Before the model is asked, {@link #beforeModel} lets the safety rules decide
 * alone when they make a mail urgent. Plain Java: no container needed to test it.
 */
public final class Classifier {

    private final TriageRules rules;
    private final RulesClassifier byRules;
    private final SafetyLayer safety;
    private final AnswerCheck check;

    public Classifier(TriageRules rules) {
        this.rules = rules;
        this.byRules = new RulesClassifier(rules);
        this.safety = new SafetyLayer(rules);
        this.check = new AnswerCheck(rules);
    }

    public Decision decide(MailFacts mail, ChatReply reply, Duration took) {
        RulesClassifier.Result ruled = byRules.classify(mail);
        Verdict proposed = ruled.verdict();
        ClassifiedBy by = ClassifiedBy.RULES;
        AiOutcome outcome;
        String model = null;
        if (reply.answered()) {
            AnswerCheck.Checked checked = check.check(reply.body());
            if (checked.verdict().isPresent()) {
                Verdict ai = checked.verdict().get();
                proposed = ai.summary().isEmpty()
                        ? new Verdict(
                                ai.category(),
                                ai.priority(),
                                ai.language(),
                                ruled.verdict().summary(),
                                ai.needsReply(),
                                ai.confidence())
                        : ai;
                by = ClassifiedBy.AI;
                outcome = AiOutcome.OK;
                model = checked.model() == null ? "unknown" : checked.model();
            } else {
                outcome = AiOutcome.OFF_SCHEMA;
            }
        } else {
            outcome = reply.failure();
        }
        SafetyLayer.Result safe = safety.apply(mail, proposed, ruled);
        return new Decision(
                mail.id(),
                safe.verdict(),
                by,
                outcome,
                model,
                safe.applied(),
                OrderNumbers.find(rules.orderNumberPatterns(), mail.subject(), mail.body()),
                took.toMillis());
    }

    /**
     * The decision of the rules and safety rules alone, when a safety rule makes the mail urgent: then
     * the model is not asked at all (ai_outcome {@code safety}), since nothing it says could lower that.
     */
    public Optional<Decision> beforeModel(MailFacts mail) {
        RulesClassifier.Result ruled = byRules.classify(mail);
        SafetyLayer.Result safe = safety.apply(mail, ruled.verdict(), ruled);
        if (safe.safetyFloor() != Priority.URGENT) {
            return Optional.empty();
        }
        return Optional.of(new Decision(
                mail.id(),
                safe.verdict(),
                ClassifiedBy.RULES,
                AiOutcome.SAFETY,
                null,
                safe.applied(),
                OrderNumbers.find(rules.orderNumberPatterns(), mail.subject(), mail.body()),
                0));
    }

    /** Why the model's answer was rejected, for a log line; never the answer's text. */
    public String rejection(ChatReply reply) {
        return reply.answered()
                ? check.check(reply.body()).rejection()
                : reply.failure().wire();
    }
}
