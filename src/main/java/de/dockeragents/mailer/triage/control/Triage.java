package de.dockeragents.mailer.triage.control;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.control.OllamaChat;
import de.dockeragents.mailer.llm.control.OllamaFallback;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.triage.entity.Classified;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * The entry point: {@link #submit(Collection)} after mail is stored. Returns at once; in the
 * background, the safety rules read each mail first, and one they make urgent (an emergency) is
 * decided at once, without the model and without waiting behind other mail for a model slot. The
 * rest is classified at most as many at a time as Ollama has slots (plus a small queue); either way
 * the reply planner then hears of it ({@link Classified}). Logs name mail by id only. With several instances
 * of a mailer, each mail is claimed in the database first ({@link TriageStore#claim}): the model is asked
 * about it by one instance only, and by another only once that one is gone.
 */
@ApplicationScoped
public class Triage {

    private static final Logger LOG = Logger.getLogger(Triage.class.getName());

    @Inject
    TriageSettings settings;

    @Inject
    TriageStore store;

    @Inject
    OllamaChat ollama;

    @Inject
    TriageMetrics metrics;

    @Inject
    Event<Classified> classified;

    @Inject
    Labeling labels;

    @Inject
    Leases leases;

    @Resource
    ManagedExecutorService executor;

    private Classifier classifier;
    private ChatRequests requests;
    private Dispatcher dispatcher;
    /** Ids the safety rules are reading now: the sweep must not hand them over a second time meanwhile. */
    private final java.util.Set<Long> screening = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        TriageRules rules = TriageRules.load(settings.profile());
        classifier = new Classifier(rules);
        requests = new ChatRequests(rules, settings.model(), settings.maxBodyChars(), settings.keepAlive());
        dispatcher = new Dispatcher(settings.permits(), settings.capacity(), this::classify);
    }

    /** Classify these newly stored mails (call after their transaction committed). Never blocks. */
    public void submit(Collection<Long> mailIds) {
        List<Long> fresh = mailIds.stream()
                .filter(id -> !dispatcher.knows(id) && screening.add(id))
                .toList();
        List<Long> ids = claimed(fresh);
        fresh.stream().filter(id -> !ids.contains(id)).forEach(screening::remove);
        if (ids.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> ids.forEach(this::safetyFirst));
        } catch (RuntimeException e) {
            ids.forEach(id -> {
                dispatcher.offer(id, false); // no thread now: the model's queue, safety rules after it
                screening.remove(id);
            });
        }
    }

    /** Classify these mails from the mailbox's history once no new mail waits for the model. Never blocks. */
    public void submitHistory(Collection<Long> mailIds) {
        claimed(mailIds.stream().filter(id -> !dispatcher.knows(id)).toList()).forEach(dispatcher::offerLater);
    }

    /** This instance's holder id, which its claims carry. */
    public String holder() {
        return leases.holder();
    }

    /** Of these, the mails this instance may classify; none while the database cannot say (the sweep comes back). */
    private List<Long> claimed(List<Long> ids) {
        if (ids.isEmpty()) {
            return ids;
        }
        try {
            return store.claim(ids, leases.holder());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "claiming " + ids.size() + " mail(s) for classification failed: "
                            + e.getClass().getSimpleName() + "; the sweep will try again");
            return List.of();
        }
    }

    public void submit(long mailId) {
        submit(List.of(mailId));
    }

    /** Decides the mail now if the safety rules make it urgent; else queues it for the model. */
    private void safetyFirst(long mailId) {
        try {
            MailFacts mail = store.load(mailId);
            if (mail == null) {
                return;
            }
            Optional<Decision> d = classifier.beforeModel(mail);
            if (d.isPresent()) {
                record(mail, d.get(), false);
                return;
            }
            dispatcher.offer(mailId, false);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "safety check of mail " + mailId + " failed: "
                            + e.getClass().getSimpleName() + "; it goes to the model, the safety rules run after it");
            dispatcher.offer(mailId, false);
        } finally {
            screening.remove(mailId);
        }
    }

    /** Ask the model again about mail the rules decided; keeps the rules' verdict unless the model answers. */
    public void reclassify(Collection<Long> mailIds) {
        claimed(List.copyOf(mailIds)).forEach(id -> dispatcher.offer(id, true));
    }

    public int free() {
        return dispatcher.free();
    }

    /**
     * An AI draft's request, in the model's one queue: after the classification of new mail, before
     * the history's ({@link Dispatcher}). False when one for the mail waits here already or the drafts'
     * lane is full.
     */
    public boolean offerDraft(long mailId, Dispatcher.Work work) {
        return dispatcher.offerDraft(mailId, work);
    }

    /** Whether a draft for the mail waits in the model's queue (or is being asked for) here. */
    public boolean draftWaits(long mailId) {
        return dispatcher.draftWaits(mailId);
    }

    public TriageSettings settings() {
        return settings;
    }

    CompletionStage<?> classify(long mailId, boolean again, Runnable slotFree) {
        return CompletableFuture.supplyAsync(() -> store.load(mailId), executor)
                .thenCompose(
                        mail -> mail == null ? CompletableFuture.completedFuture(null) : ask(mail, again, slotFree))
                .exceptionally(e -> {
                    LOG.log(
                            Level.WARNING,
                            "classifying mail " + mailId + " failed: "
                                    + e.getClass().getSimpleName() + "; the sweep will try again");
                    return null;
                });
    }

    private CompletionStage<Void> ask(MailFacts mail, boolean again, Runnable slotFree) {
        long start = System.nanoTime();
        CompletionStage<ChatReply> reply = settings.aiEnabled()
                ? ollama.chat(requests.classify(mail))
                : CompletableFuture.completedFuture(ChatReply.failed(AiOutcome.DISABLED));
        CompletionStage<ChatReply> answered = reply.exceptionally(e -> ChatReply.failed(OllamaFallback.outcome(e)));
        // the model's slot is free once it answered: the next mail asks while this one is stored
        answered.whenComplete((r, e) -> slotFree.run());
        return answered.thenAcceptAsync(
                r -> finish(mail, r, Duration.ofNanos(System.nanoTime() - start), again), executor);
    }

    private void finish(MailFacts mail, ChatReply reply, Duration took, boolean again) {
        Decision d = classifier.decide(mail, reply, took);
        metrics.asked(d.aiOutcome(), took);
        if (d.aiOutcome() == AiOutcome.OFF_SCHEMA) {
            LOG.info(() -> "mail " + mail.id() + ": model answer rejected (" + classifier.rejection(reply)
                    + "), rules decide");
        }
        record(mail, d, again);
    }

    private void record(MailFacts mail, Decision d, boolean again) {
        if (again) {
            if (d.classifiedBy() == ClassifiedBy.AI) {
                store.save(d);
                labels.soon();
                LOG.fine(() -> "mail " + mail.id() + " re-classified by the model");
            }
            return;
        }
        if (store.classifiedBy(mail.id()) != null) {
            return; // another instance or an earlier run was first
        }
        store.save(d);
        labels.soon();
        metrics.classified(d);
        if (!d.safetyRules().isEmpty()) {
            LOG.info(() -> "mail " + mail.id() + ": rules " + d.safetyRules() + " applied");
        }
        try {
            classified.fire(new Classified(mail, d));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "reply planning for mail " + mail.id() + " failed: "
                            + e.getClass().getSimpleName());
        }
    }
}
