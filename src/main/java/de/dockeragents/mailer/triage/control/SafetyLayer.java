package de.dockeragents.mailer.triage.control;

import de.dockeragents.mailer.platform.control.Addresses;
import java.util.ArrayList;
import java.util.List;

import de.dockeragents.mailer.triage.control.TriageRules.Category;
import de.dockeragents.mailer.triage.control.TriageRules.SafetyRule;
import de.dockeragents.mailer.triage.control.TriageRules.SenderRule;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Verdict;

/**
 * What code decides whatever the model said, evaluated on every mail in this order:
 * <ol>
 * <li>a category the profile marks {@code confirmByRules} (e.g. spam) stands only if the rules
 * agree, so a model cannot hide a mail by calling it spam;</li>
 * <li>urgency words raise the priority to the profile's urgency priority;</li>
 * <li>sender rules (by the sender's address, which the model never sees whole);</li>
 * <li>safety rules (keywords such as emergency symptoms), which have the last word;</li>
 * <li>a category with a fixed priority (emergency: urgent) always gets it.</li>
 * </ol>
 */
public final class SafetyLayer {

    /** The verdict after the rules, and the ids of the rules that matched. */
    public record Result(Verdict verdict, List<String> applied) {
    }

    private final TriageRules rules;

    public SafetyLayer(TriageRules rules) {
        this.rules = rules;
    }

    public Result apply(MailFacts mail, Verdict proposed, RulesClassifier.Result byRules) {
        List<String> applied = new ArrayList<>();
        Verdict v = proposed;
        Category proposedCategory = rules.categoryOrDefault(v.category());
        if (!proposedCategory.name().equals(v.category())) {
            v = v.withCategory(proposedCategory.name());
        }
        if (proposedCategory.confirmByRules() && !byRules.verdict().category().equals(v.category())) {
            v = v.withCategory(byRules.verdict().category()).withPriority(v.priority().atLeast(byRules.verdict().priority()))
                    .withNeedsReply(byRules.verdict().needsReply());
            applied.add("confirm-" + proposedCategory.name().replace('_', '-'));
        }
        if (byRules.urgent()) {
            v = v.withPriority(v.priority().atLeast(rules.urgencyPriority()));
        }
        String sender = Addresses.first(mail.from()).orElse("");
        for (SenderRule r : rules.senderRules()) {
            if (!sender.isEmpty() && r.sender().matcher(sender).find()) {
                applied.add(r.id());
                if (r.category() != null) {
                    v = v.withCategory(r.category());
                }
                if (r.minPriority() != null) {
                    v = v.withPriority(v.priority().atLeast(r.minPriority()));
                }
                if (r.maxPriority() != null) {
                    v = v.withPriority(v.priority().atMost(r.maxPriority()));
                }
                if (r.needsReply() != null) {
                    v = v.withNeedsReply(r.needsReply());
                }
            }
        }
        // the whole body, quotes included: a forwarded or quoted emergency still escalates
        String text = Keywords.normalise(mail.subject()) + "\n" + Keywords.normalise(mail.body());
        for (SafetyRule r : rules.safetyRules()) {
            if (r.keywords().foundIn(text)) {
                applied.add(r.id());
                if (r.category() != null && (r.notCategory().isEmpty() || r.notCategory().contains(v.category()))) {
                    v = v.withCategory(r.category());
                }
                if (r.priority() != null) {
                    v = v.withPriority(r.priority());
                }
                if (r.minPriority() != null) {
                    v = v.withPriority(v.priority().atLeast(r.minPriority()));
                }
                if (r.needsReply() != null) {
                    v = v.withNeedsReply(r.needsReply());
                }
            }
        }
        Category finalCategory = rules.categoryOrDefault(v.category());
        if (finalCategory.fixedPriority()) {
            v = v.withPriority(finalCategory.priority());
        }
        return new Result(v, applied);
    }
}
