package de.dockeragents.mailer.reply.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.control.OllamaChat;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.spam.control.Lures;
import de.dockeragents.mailer.spam.control.SpamSettings;
import de.dockeragents.mailer.spam.control.SpamSignals;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.triage.control.ChatRequests;
import de.dockeragents.mailer.triage.control.Triage;
import de.dockeragents.mailer.triage.control.TriageRules;
import de.dockeragents.mailer.triage.control.TriageSettings;
import de.dockeragents.mailer.triage.control.TriageStore;
import de.dockeragents.mailer.triage.entity.Classified;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * Answers classified mail by the profile's policy: an automatic template goes to the outbound queue
 * at once (if the loop guard and the daily cap allow), everything else becomes a draft for a person.
 * An AI draft asks the model for the text ({@code mailer.reply.ai-drafts}, and only while
 * {@code mailer.triage.ai-enabled}); if it cannot, the category's template is the draft. What the model
 * wrote is checked in code ({@link DraftCheck}) and may make the draft suspicious.
 * Every classified mail gets its reply decided once, also across crashes (see {@link #plan}).
 */
@ApplicationScoped
public class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    @Inject
    ReplySettings settings;

    @Inject
    TriageSettings triage;

    @Inject
    SpamSettings spam;

    @Inject
    ReplyStore store;

    @Inject
    ReplyMetrics metrics;

    @Inject
    OllamaChat ollama;

    @Inject
    DraftsCopies drafts;

    @Inject
    Triage model;

    @Inject
    TriageStore mails;

    @Resource
    ManagedExecutorService executor;

    private ReplyRules rules;
    private ReplyPlanner planner;
    private ChatRequests requests;
    private DraftCheck check;

    @PostConstruct
    void init() {
        rules = ReplyRules.load(triage.profile()).withBusiness(settings.business());
        check = new DraftCheck(rules);
        planner = new ReplyPlanner(
                rules,
                new Templates(triage.profile()),
                new LoopGuard(Set.copyOf(settings.ownAddresses())),
                settings.autoSend(),
                new SpamSignals(Lures.load(triage.profile()), spam.authservIds()));
        requests = new ChatRequests(
                TriageRules.load(triage.profile()), triage.model(), triage.maxBodyChars(), triage.keepAlive());
    }

    public ReplySettings settings() {
        return settings;
    }

    /** The planner, for a person's own reply ({@link StaffReplies}). */
    ReplyPlanner planner() {
        return planner;
    }

    void classified(@Observes Classified event) {
        plan(event.mail(), event.decision());
    }

    /**
     * Plans the reply to a classified mail once: decides, claims the mail (one another planner holds,
     * e.g. an AI draft waiting for the model, is left alone), and records the decision in the same
     * transaction as the enqueue. If anything fails in between, the claim runs out and the reply
     * sweep plans the mail again; the queue takes at most one reply per mail.
     */
    public void plan(MailFacts mail, Decision decision) {
        // deciding has no side effects, so it comes first: it tells how long the claim must hold
        ReplyPlanner.Plan planned =
                settings.enabled() ? planner.plan(mail, decision) : new ReplyPlanner.NoReply("disabled");
        ReplyPlanner.Plan plan = AgeGate.apply(planned, store.arrival(mail.id()), settings.maxAge(), Instant.now());
        String late = plan != planned && plan instanceof ReplyPlanner.Ready ? AgeGate.TOO_OLD : null;
        boolean waitsForModel = plan instanceof ReplyPlanner.Ready r && r.askModel() && settings.aiDrafts();
        // a template is settled at once: if this process dies first, the sweep takes the mail soon after (an
        // emergency must not wait for the long lease that only a draft waiting for the model needs)
        if (!store.claim(mail.id(), waitsForModel ? settings.planLease() : settings.replanAfter())) {
            LOG.fine(() -> "mail " + mail.id() + ": reply planned or being planned already");
            return;
        }
        if (plan instanceof ReplyPlanner.Suppressed s) {
            if (settle(mail.id(), null, s.reason().wire()) == ReplyStore.Queued.RECORDED && s.automatic()) {
                metrics.suppressed(s.reason());
            }
            LOG.fine(() -> "mail " + mail.id() + ": no reply (" + s.reason().wire() + ")");
        } else if (plan instanceof ReplyPlanner.Refused r) {
            if (settle(mail.id(), null, SuppressReason.SPAM_SIGNALS.wire(), SpamSignal.lines(r.signals()))
                            == ReplyStore.Queued.RECORDED
                    && r.automatic()) {
                metrics.suppressed(SuppressReason.SPAM_SIGNALS);
            }
            LOG.fine(() -> "mail " + mail.id() + ": no reply (spam signals "
                    + r.signals().stream().map(SpamSignal::code).toList() + ")");
        } else if (plan instanceof ReplyPlanner.NoReply) {
            settle(mail.id(), null, settings.enabled() ? "none" : "disabled");
        } else if (plan instanceof ReplyPlanner.Ready ready) {
            if (waitsForModel) {
                String prompt = rules.draftPrompt()
                        .replace("{{language}}", ready.reply().language())
                        .replace("{{category}}", decision.verdict().category())
                        .replace(
                                "{{orderNumbers}}",
                                decision.orderNumbers().isEmpty()
                                        ? rules.ownLanguage().text("none")
                                        : String.join(", ", decision.orderNumbers()));
                Reply template = ready.reply();
                List<String> orderNumbers = decision.orderNumbers();
                long id = mail.id();
                // in the model's one queue: after new mail's classification, so a draft never takes its place
                if (!model.offerDraft(
                        id,
                        (mailId, again, slotFree) -> draft(mailId, prompt, template, orderNumbers, late, slotFree))) {
                    LOG.info(() -> "mail " + id + ": the model's queue for drafts is full; the reply sweep plans the"
                            + " mail again once its claim has run out");
                }
            } else {
                settle(mail.id(), ready.reply(), late);
            }
        }
    }

    /**
     * Asks the model for a draft once its turn in the queue came: the claim is renewed (the wait may have
     * been long), the mail read again (the queue holds ids, not mail), and the answer checked and settled.
     * {@code slotFree} as soon as the model answered; the stage completes once the draft is settled.
     */
    private CompletionStage<Void> draft(
            long mailId, String prompt, Reply template, List<String> orderNumbers, String late, Runnable slotFree) {
        return CompletableFuture.supplyAsync(
                        () -> store.renew(mailId, settings.planLease()) ? mails.load(mailId) : null, executor)
                .thenCompose(mail -> {
                    if (mail == null) { // decided meanwhile (another instance), or the mail is gone: the sweep sees it
                        slotFree.run();
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    CompletionStage<ChatReply> answered = ollama.chat(requests.draft(prompt, mail))
                            .exceptionally(e -> ChatReply.failed(AiOutcome.ERROR));
                    answered.whenComplete((r, e) -> slotFree.run());
                    return answered.thenAcceptAsync(
                            r -> settle(mailId, checked(withModelText(template, r, mail, orderNumbers, check)), late),
                            executor);
                })
                .exceptionally(e -> {
                    LOG.log(
                            Level.WARNING,
                            "the AI draft for mail " + mailId + " failed: "
                                    + e.getClass().getSimpleName()
                                    + "; the reply sweep plans it again once its claim has run out");
                    return null;
                });
    }

    /** Whether an AI draft for the mail waits for the model here (the sweep leaves it alone). */
    boolean draftWaits(long mailId) {
        return model.draftWaits(mailId);
    }

    /**
     * The model's text replaces the template body only as an AI draft, never as automatic mail, and
     * only as {@link DraftCheck} left it: with its findings, a suspicious draft. If nothing is left
     * of the text but what the check removed, the template is the text and the findings stay.
     */
    static Reply withModelText(
            Reply template, ChatReply reply, MailFacts mail, List<String> orderNumbers, DraftCheck check) {
        if (!reply.answered()) {
            return template;
        }
        Optional<String> text = DraftAnswer.text(reply.body());
        if (text.isEmpty()) {
            return template;
        }
        DraftCheck.Result r = check.check(text.get(), mail, template, orderNumbers);
        if (r.text().isBlank()) {
            return r.suspicious() ? template.asAiDraft(template.body(), r.findings(), r.modelText()) : template;
        }
        return template.asAiDraft(r.text() + "\n", r.findings(), r.modelText());
    }

    private static Reply checked(Reply r) {
        if (r.suspicious()) {
            LOG.info(() -> "mail " + r.mailId() + ": AI draft flagged suspicious (" + DraftFinding.join(r.findings())
                    + "); it needs a confirmed approval and is not copied to the Drafts folder");
        }
        return r;
    }

    private ReplyStore.Queued settle(long mailId, Reply reply, String outcome) {
        return settle(mailId, reply, outcome, null);
    }

    /** {@code reasons}: what staff see about a reply not made (spam signals), or null. */
    private ReplyStore.Queued settle(long mailId, Reply reply, String outcome, String reasons) {
        try {
            ReplyStore.Queued q = store.settle(
                    mailId, reply, outcome, reasons, settings.messageIdDomain(), settings.perSenderWindow());
            if (q == ReplyStore.Queued.DAILY_CAP) {
                metrics.suppressed(SuppressReason.DAILY_CAP);
            }
            if (q == ReplyStore.Queued.QUEUED && !reply.kind().automatic()) {
                drafts.soon();
            }
            LOG.fine(() -> "mail " + mailId + ": "
                    + (reply == null ? outcome : reply.kind().wire()) + " " + q.wire());
            return q;
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "recording the reply to mail " + mailId + " failed: "
                            + e.getClass().getSimpleName() + "; the reply sweep plans it again");
            return null;
        }
    }
}
