package de.dockeragents.mailer.triage.control;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.llm.control.OllamaChat;

/**
 * The periodic catch-up: offers mail that has no classification yet (new mail whose submit was
 * missed, mail a crash left behind; history from the initial import after the rest), and, when configured and Ollama answers again, mail the rules
 * decided while it was away. Mail another living instance of this mailer is classifying is left to it.
 */
@ApplicationScoped
public class TriageSweep {

    private static final Logger LOG = Logger.getLogger(TriageSweep.class.getName());

    @Inject
    Triage triage;

    @Inject
    TriageStore store;

    @Inject
    OllamaChat ollama;

    public void sweep() {
        int room = triage.free();
        if (room == 0) {
            return;
        }
        int limit = Math.min(room, 500);
        List<Long> missing = store.unclassified(limit, triage.holder());
        triage.submit(missing);
        // the mailbox's history after new mail, in the lane that waits for it
        List<Long> history =
                missing.size() < limit ? store.unclassified(limit - missing.size(), true, triage.holder()) : List.of();
        triage.submitHistory(history);
        TriageSettings s = triage.settings();
        if (s.aiEnabled() && s.reclassify() && missing.isEmpty() && history.isEmpty() && reachable()) {
            List<Long> again = store.rulesClassified(s.reclassifyMaxAge(), s.reclassifyBatch());
            if (!again.isEmpty()) {
                LOG.info(() ->
                        "Ollama answers: asking it again about " + again.size() + " mail(s) the rules classified");
                triage.reclassify(again);
            }
        }
    }

    private boolean reachable() {
        try {
            return ollama.tags().toCompletableFuture().get(10, TimeUnit.SECONDS) != null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
