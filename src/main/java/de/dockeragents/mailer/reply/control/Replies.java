package de.dockeragents.mailer.reply.control;

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
import de.dockeragents.mailer.triage.entity.MailFacts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers classified mail by the profile's policy: an automatic template goes to the outbound queue
 * at once (if the loop guard and the daily cap allow), everything else becomes a draft for a person.
 * An AI draft asks the model for the text; if it cannot, the category's template is the draft.
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

    private ReplySettings settings;
    private ReplyRules rules;
    private ReplyPlanner planner;
    private ChatRequests requests;

    @PostConstruct
    void init() {
        settings = ReplySettings.read(config);
        TriageSettings triage = TriageSettings.read(config);
        rules = ReplyRules.load(triage.profile());
        planner = new ReplyPlanner(rules, new Templates(triage.profile()), new LoopGuard(Set.copyOf(settings.ownAddresses())),
                settings.autoSend());
        requests = new ChatRequests(TriageRules.load(triage.profile()), triage.model(), triage.maxBodyChars(),
                triage.keepAlive());
    }

    void classified(@Observes Classified event) {
        if (!settings.enabled()) {
            return;
        }
        MailFacts mail = event.mail();
        ReplyPlanner.Plan plan = planner.plan(mail, event.decision());
        if (plan instanceof ReplyPlanner.Suppressed s) {
            if (s.automatic()) {
                metrics.suppressed(s.reason());
            }
            LOG.fine(() -> "mail " + mail.id() + ": no reply (" + s.reason().wire() + ")");
        } else if (plan instanceof ReplyPlanner.Ready ready) {
            if (ready.askModel() && settings.aiDrafts()) {
                String prompt = rules.draftPrompt()
                        .replace("{{language}}", ready.reply().language())
                        .replace("{{category}}", event.decision().verdict().category())
                        .replace("{{orderNumbers}}", event.decision().orderNumbers().isEmpty() ? "keine"
                                : String.join(", ", event.decision().orderNumbers()));
                ollama.chat(requests.draft(prompt, mail))
                        .exceptionally(e -> ChatReply.failed(de.dockeragents.mailer.triage.entity.AiOutcome.ERROR))
                        .thenAccept(r -> queue(withModelText(ready.reply(), r)));
            } else {
                queue(ready.reply());
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

    private void queue(Reply reply) {
        try {
            ReplyStore.Queued q = store.enqueue(reply, settings.messageIdDomain(), settings.perSenderWindow());
            if (q == ReplyStore.Queued.DAILY_CAP) {
                metrics.suppressed(SuppressReason.DAILY_CAP);
            }
            LOG.fine(() -> "mail " + reply.mailId() + ": " + reply.kind().wire() + " " + q.name().toLowerCase());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "queueing the reply to mail " + reply.mailId() + " failed: " + e.getClass().getSimpleName());
        }
    }
}
