package de.dockeragents.mailer.reply.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.triage.control.ChatRequests;
import de.dockeragents.mailer.triage.control.ChatReply;
import de.dockeragents.mailer.triage.control.OllamaChat;
import de.dockeragents.mailer.triage.control.TriageRules;
import de.dockeragents.mailer.triage.control.TriageSettings;
import de.dockeragents.mailer.triage.entity.Classified;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers classified mail by the profile's policy: an automatic template goes to the outbound queue
 * at once (if the loop guard and the daily cap allow), everything else becomes a draft for a person.
 * An AI draft asks the model for the text; if it cannot, the category's template is the draft.
 * Every classified mail gets its reply decided once, also across crashes (see {@link #plan}).
 */
@ApplicationScoped
public class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    @Inject
    Config config;
    @Inject
    ReplyStore store;
    @Inject
    ReplyMetrics metrics;
    @Inject
    OllamaChat ollama;
    @Inject
    DraftsCopies drafts;

    private ReplySettings settings;
    private ReplyRules rules;
    private ReplyPlanner planner;
    private ChatRequests requests;

    @PostConstruct
    void init() {
        settings = ReplySettings.read(config);
        TriageSettings triage = TriageSettings.read(config);
        rules = ReplyRules.load(triage.profile()).withBusiness(business());
        planner = new ReplyPlanner(rules, new Templates(triage.profile()), new LoopGuard(Set.copyOf(settings.ownAddresses())),
                settings.autoSend());
        requests = new ChatRequests(TriageRules.load(triage.profile()), triage.model(), triage.maxBodyChars(),
                triage.keepAlive());
    }

    /** mailer.reply.business.name/.phone/.hours: the operator's details for the templates' slots */
    private Map<String, String> business() {
        Map<String, String> business = new HashMap<>();
        for (String key : List.of("name", "phone", "hours")) {
            config.getOptionalValue("mailer.reply.business." + key, String.class).ifPresent(v -> business.put(key, v));
        }
        return business;
    }

    public ReplySettings settings() {
        return settings;
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
        ReplyPlanner.Plan plan = settings.enabled() ? planner.plan(mail, decision) : new ReplyPlanner.NoReply("disabled");
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
        } else if (plan instanceof ReplyPlanner.NoReply) {
            settle(mail.id(), null, settings.enabled() ? "none" : "disabled");
        } else if (plan instanceof ReplyPlanner.Ready ready) {
            if (waitsForModel) {
                String prompt = rules.draftPrompt()
                        .replace("{{language}}", ready.reply().language())
                        .replace("{{category}}", decision.verdict().category())
                        .replace("{{orderNumbers}}", decision.orderNumbers().isEmpty() ? "keine"
                                : String.join(", ", decision.orderNumbers()));
                ollama.chat(requests.draft(prompt, mail))
                        .exceptionally(e -> ChatReply.failed(de.dockeragents.mailer.triage.entity.AiOutcome.ERROR))
                        .thenAccept(r -> settle(mail.id(), withModelText(ready.reply(), r), null));
            } else {
                settle(mail.id(), ready.reply(), null);
            }
        }
    }

    /** The model's text replaces the template body only as an AI draft; never as automatic mail. */
    static Reply withModelText(Reply template, ChatReply reply) {
        if (!reply.answered()) {
            return template;
        }
        return DraftAnswer.text(reply.body()).map(text -> template.withBody(text + "\n", ReplyKind.AI_DRAFT))
                .orElse(template);
    }

    private ReplyStore.Queued settle(long mailId, Reply reply, String outcome) {
        try {
            ReplyStore.Queued q = store.settle(mailId, reply, outcome, settings.messageIdDomain(), settings.perSenderWindow());
            if (q == ReplyStore.Queued.DAILY_CAP) {
                metrics.suppressed(SuppressReason.DAILY_CAP);
            }
            if (q == ReplyStore.Queued.QUEUED && !reply.kind().automatic()) {
                drafts.soon();
            }
            LOG.fine(() -> "mail " + mailId + ": " + (reply == null ? outcome : reply.kind().wire()) + " " + q.wire());
            return q;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording the reply to mail " + mailId + " failed: " + e.getClass().getSimpleName()
                    + "; the reply sweep plans it again");
            return null;
        }
    }
}
