package de.dockeragents.mailer.reply.control;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.dockeragents.mailer.platform.control.Language;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.reply.entity.ReplyPolicy;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.spam.control.SpamSignals;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.triage.control.Summaries;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * Decides the reply to a classified mail, in plain Java: the category's policy, the loop guard,
 * the recipient (by code), the template in the mail's language with slots filled by code. An AI
 * draft starts as the category's template draft; the model's text replaces the body only if it
 * answers, and the result is always a draft for a person.
 */
public final class ReplyPlanner {

    /** What to do. */
    public sealed interface Plan {}

    /** No reply: the policy says none, or the mail needs none. */
    public record NoReply(String why) implements Plan {}

    /** A reply the policy wanted, stopped by the loop guard. */
    public record Suppressed(SuppressReason reason, boolean automatic) implements Plan {}

    /** No reply of any kind (neither automatic nor a draft): the mail shows spam, phishing or bulk signals. */
    public record Refused(List<SpamSignal> signals, boolean automatic) implements Plan {}

    /** A reply to queue; {@code askModel}: try to replace the body with a model-written draft first. */
    public record Ready(Reply reply, boolean askModel) implements Plan {}

    private static final int MAX_REFERENCES = 10;

    private final ReplyRules rules;
    private final Templates templates;
    private final LoopGuard guard;
    private final boolean autoSend;
    private final SpamSignals spam;

    /** {@code autoSend} false turns every automatic template into a draft (mailer.reply.auto-send). */
    public ReplyPlanner(ReplyRules rules, Templates templates, LoopGuard guard, boolean autoSend) {
        this(rules, templates, guard, autoSend, SpamSignals.none());
    }

    /** {@code spam}: the signals that refuse any reply, whatever the category's policy. */
    public ReplyPlanner(ReplyRules rules, Templates templates, LoopGuard guard, boolean autoSend, SpamSignals spam) {
        this.rules = rules;
        this.templates = templates;
        this.guard = guard;
        this.autoSend = autoSend;
        this.spam = spam;
    }

    public Plan plan(MailFacts mail, Decision decision) {
        ReplyRules.Policy policy = rules.policy(decision.verdict().category());
        // first, so staff see the signals even where the policy would not have answered anyway
        List<SpamSignal> signals = spam.of(mail);
        if (!signals.isEmpty()) {
            return new Refused(signals, policy.policy() == ReplyPolicy.TEMPLATE_AUTO && autoSend);
        }
        if (policy.policy() == ReplyPolicy.NONE) {
            return new NoReply("policy none");
        }
        if (!decision.verdict().needsReply()) {
            return new NoReply("needs no reply");
        }
        boolean automatic = policy.policy() == ReplyPolicy.TEMPLATE_AUTO && autoSend;
        Optional<String> recipient = Recipients.of(mail);
        Optional<SuppressReason> stop = guard.check(mail, recipient.orElse(null));
        if (stop.isPresent()) {
            return new Suppressed(stop.get(), automatic);
        }
        String language = rules.language(decision.verdict().language());
        Templates.Rendered text = templates.render(policy.template(), language, slots(mail, decision, language));
        ReplyKind kind = automatic ? ReplyKind.TEMPLATE_AUTO : ReplyKind.TEMPLATE_DRAFT;
        // an urgent mail is never answered with model text: the fixed template or a person
        boolean askModel =
                policy.policy() == ReplyPolicy.AI_DRAFT && decision.verdict().priority() != Priority.URGENT;
        return new Ready(
                new Reply(
                        mail.id(),
                        kind,
                        recipient.get(),
                        text.subject(),
                        text.body(),
                        language,
                        policy.template(),
                        mail.messageId(),
                        references(mail)),
                askModel);
    }

    /**
     * A person's own reply to this mail (any mail, whatever its category's policy): the same recipient,
     * language and threading headers as any reply, chosen by code; the spam signals and the loop guard
     * refuse it as they refuse a draft. The subject is "Re: " and the original's; the body is empty, the
     * person writes it. {@code decision} null: the mail is not classified yet (the profile's own language).
     */
    public Plan forStaff(MailFacts mail, Decision decision) {
        List<SpamSignal> signals = spam.of(mail);
        if (!signals.isEmpty()) {
            return new Refused(signals, false);
        }
        Optional<String> recipient = Recipients.of(mail);
        Optional<SuppressReason> stop = guard.check(mail, recipient.orElse(null));
        if (stop.isPresent()) {
            return new Suppressed(stop.get(), false);
        }
        String language =
                rules.language(decision == null ? null : decision.verdict().language());
        String subject = Summaries.clean(mail.subject(), rules.ownLanguage());
        return new Ready(
                new Reply(
                        mail.id(),
                        ReplyKind.STAFF_REPLY,
                        recipient.get(),
                        subject.regionMatches(true, 0, "re:", 0, 3) ? subject : ("Re: " + subject).strip(),
                        "",
                        language,
                        null,
                        mail.messageId(),
                        references(mail)),
                false);
    }

    Map<String, Object> slots(MailFacts mail, Decision decision, String language) {
        Map<String, Object> slots = new HashMap<>();
        Map<String, String> business = new HashMap<>();
        rules.business().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                business.put(k, v);
            }
        });
        slots.put("business", business);
        slots.put("reference", "M" + mail.id());
        Language words = rules.languageOf(language);
        if (mail.receivedAt() != null) {
            slots.put(
                    "receivedDate",
                    mail.receivedAt()
                            .format(DateTimeFormatter.ofPattern(words.text("reply.date-format"), words.locale())));
        }
        String subject = Summaries.clean(mail.subject(), rules.ownLanguage());
        slots.put(
                "originalSubject",
                subject.length() > 100
                        ? subject.substring(0, 99) + "…"
                        : subject.isEmpty() ? words.text("reply.no-subject") : subject);
        if (decision != null && !decision.orderNumbers().isEmpty()) {
            slots.put("orderNumbers", String.join(", ", decision.orderNumbers()));
        }
        return slots;
    }

    /**
     * What a person may start their own reply from: each of the profile's reply templates (those its
     * categories name), rendered for this mail in {@code language}, and the profile's signature.
     */
    public Starters starters(MailFacts mail, Decision decision, String language) {
        Map<String, Object> slots = slots(mail, decision, language);
        List<Named> named = rules.policies().values().stream()
                .map(ReplyRules.Policy::template)
                .filter(t -> t != null && templates.exists(t, language))
                .distinct()
                .sorted()
                .map(t -> new Named(t, templates.render(t, language, slots)))
                .toList();
        return new Starters(named, templates.signature(language, slots));
    }

    /** A template by its name, rendered. */
    public record Named(String name, Templates.Rendered text) {}

    /** The templates and the signature a person's reply may start from. */
    public record Starters(List<Named> templates, String signature) {}

    /** The original's References plus its Message-ID, the newest {@value #MAX_REFERENCES} kept. */
    static String references(MailFacts mail) {
        String refs = ((mail.references() == null ? "" : mail.references()) + " "
                        + (mail.messageId() == null ? "" : mail.messageId()))
                .strip();
        if (refs.isEmpty()) {
            return null;
        }
        List<String> ids = Arrays.stream(refs.split("\\s+"))
                .filter(s -> s.matches("<[^<>\\s]+>"))
                .toList();
        return String.join(" ", ids.subList(Math.max(0, ids.size() - MAX_REFERENCES), ids.size()));
    }
}
