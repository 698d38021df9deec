package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.List;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.triage.control.TriageRules.Category;
import de.dockeragents.mailer.triage.control.TriageRules.SafetyRule;
import de.dockeragents.mailer.triage.control.TriageRules.SenderRule;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

/**
 * What code decides whatever the model said, evaluated on every mail in this order:
 * <ol>
 * <li>a category the profile marks {@code confirmByRules} (e.g. spam) stands only if the rules
 * agree, so a model cannot hide a mail by calling it spam;</li>
 * <li>urgency words raise the priority to the profile's urgency priority;</li>
 * <li>sender rules (by the sender's address, which the model never sees whole) may set the category,
 * raise the priority ({@code minPriority}) or cap it ({@code maxPriority});</li>
 * <li>a category with a fixed priority (emergency: urgent) gets it;</li>
 * <li>safety rules (emergency symptoms, product hazards), read on the subject and the whole body,
 * quotes included, less the profile's own template sentences; they may set the category;</li>
 * <li>last, the floor the safety rules demand (each fired rule's priority, and the fixed priority of
 * a category one of them chose) is applied, and nothing comes after it.</li>
 * </ol>
 * So a safety rule only ever raises: no model answer, sender cap or appended phrase lowers what it found.
 */
public final class SafetyLayer {

    /**
     * The verdict after the rules, the ids of the rules that matched, and the least priority the
     * safety rules demand (null: none fired with a priority).
     */
    public record Result(Verdict verdict, List<String> applied, Priority safetyFloor) {}

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
            v = v.withCategory(byRules.verdict().category())
                    .withPriority(v.priority().atLeast(byRules.verdict().priority()))
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
        v = fixed(v);
        Priority safetyFloor = null;
        if (!rules.safetyRules().isEmpty()) {
            Tokens text = rules.ownText().strip(Tokens.of(mail.subject(), mail.body()));
            for (SafetyRule r : rules.safetyRules()) {
                if (r.match().firesIn(text)) {
                    applied.add(r.id());
                    if (r.category() != null
                            && (r.onlyFrom().isEmpty() || r.onlyFrom().contains(v.category()))) {
                        v = v.withCategory(r.category());
                        Category chosen = rules.categoryOrDefault(r.category());
                        if (chosen.fixedPriority()) {
                            safetyFloor = atLeast(safetyFloor, chosen.priority());
                        }
                    }
                    if (r.priority() != null) {
                        safetyFloor = atLeast(safetyFloor, r.priority());
                    }
                    if (r.needsReply() != null) {
                        v = v.withNeedsReply(r.needsReply());
                    }
                }
            }
        }
        v = fixed(v);
        if (safetyFloor != null) {
            v = v.withPriority(v.priority().atLeast(safetyFloor));
        }
        return new Result(v, applied, safetyFloor);
    }

    private Verdict fixed(Verdict v) {
        Category c = rules.categoryOrDefault(v.category());
        return c.fixedPriority() ? v.withPriority(c.priority()) : v;
    }

    private static Priority atLeast(Priority current, Priority p) {
        return current == null ? p : current.atLeast(p);
    }
}
