package de.dockeragents.mailer.triage.entity;

import java.util.List;

import de.dockeragents.mailer.llm.entity.AiOutcome;

/** The final word on one mail: the verdict after the safety rules, and how it came about. */
public record Decision(
        long mailId,
        Verdict verdict,
        ClassifiedBy classifiedBy,
        AiOutcome aiOutcome,
        String model,
        List<String> safetyRules,
        List<String> orderNumbers,
        long durationMs) {

    public Decision {
        safetyRules = List.copyOf(safetyRules);
        orderNumbers = List.copyOf(orderNumbers);
        if ((classifiedBy == ClassifiedBy.AI) != (aiOutcome == AiOutcome.OK)) {
            throw new IllegalArgumentException("classified_by ai if and only if the model's answer was used");
        }
    }
}
