package de.dockeragents.mailer.review.entity;

import java.time.Instant;
import java.util.List;

import de.dockeragents.mailer.spam.entity.SpamSignal;

/**
 * Triage's verdict as the page shows it: {@code category} is a person's correction where there is
 * one ({@code correctedBy}, {@code correctedAt}), {@code triageCategory} what triage decided, and
 * {@code classifiedBy} whether the model (ai) or the profile's rules decided. {@code replyOutcome}: what the reply
 * planner decided (queued, none, a loop-guard reason; {@code history}: from the mailbox's history, never answered
 * automatically; {@code too_old}: older than mailer.reply.max-age, a draft instead of an automatic reply;
 * {@code spam_signals}; null while undecided), and {@code replyReasons} the spam signals that refused any reply.
 */
public record ClassificationView(
        String category,
        String triageCategory,
        String priority,
        String language,
        String summary,
        boolean needsReply,
        double confidence,
        String classifiedBy,
        String model,
        String safetyRules,
        String orderNumbers,
        Instant classifiedAt,
        String correctedBy,
        Instant correctedAt,
        String replyOutcome,
        List<SpamSignal> replyReasons) {}
