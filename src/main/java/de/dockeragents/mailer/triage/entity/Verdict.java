package de.dockeragents.mailer.triage.entity;

import java.util.Objects;

/** The values a classification gives a mail, whoever decided them. */
public record Verdict(
        String category, Priority priority, String language, String summary, boolean needsReply, double confidence) {

    public Verdict {
        Objects.requireNonNull(category);
        Objects.requireNonNull(priority);
        Objects.requireNonNull(language);
        Objects.requireNonNull(summary);
    }

    public Verdict withCategory(String value) {
        return new Verdict(value, priority, language, summary, needsReply, confidence);
    }

    public Verdict withPriority(Priority value) {
        return new Verdict(category, value, language, summary, needsReply, confidence);
    }

    public Verdict withNeedsReply(boolean value) {
        return new Verdict(category, priority, language, summary, value, confidence);
    }
}
