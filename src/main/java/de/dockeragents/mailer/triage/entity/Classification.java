package de.dockeragents.mailer.triage.entity;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How a mail was classified. Written by {@code TriageStore} (an upsert: re-classification replaces
 * the values); this mapping is for reading, e.g. the staff's list by priority.
 */
@Entity
@Table(name = "classification")
public class Classification {

    @Id
    @Column(name = "mail_id")
    private long mailId;

    private String category;
    private String priority;
    private String language;
    private String summary;

    @Column(name = "needs_reply")
    private boolean needsReply;

    private float confidence;

    @Column(name = "classified_by")
    private String classifiedBy;

    private String model;

    @Column(name = "ai_outcome")
    private String aiOutcome;

    @Column(name = "safety_rules")
    private String safetyRules;

    @Column(name = "order_numbers")
    private String orderNumbers;

    @Column(name = "duration_ms")
    private long durationMs;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Classification() {}

    public long mailId() {
        return mailId;
    }

    public String category() {
        return category;
    }

    public Priority priority() {
        return Priority.of(priority);
    }

    public String language() {
        return language;
    }

    public String summary() {
        return summary;
    }

    public boolean needsReply() {
        return needsReply;
    }

    public double confidence() {
        return confidence;
    }

    public ClassifiedBy classifiedBy() {
        return ClassifiedBy.valueOf(classifiedBy.toUpperCase(java.util.Locale.ROOT));
    }

    public String model() {
        return model;
    }

    public String aiOutcome() {
        return aiOutcome;
    }

    public String safetyRules() {
        return safetyRules;
    }

    public String orderNumbers() {
        return orderNumbers;
    }

    public long durationMs() {
        return durationMs;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
