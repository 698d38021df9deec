package de.dockeragents.mailer.llm.control;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import de.dockeragents.mailer.llm.entity.AiOutcome;

/**
 * The one door to Ollama, guarded by Fault Tolerance. Thin on purpose: what the answer means is
 * decided by plain classes ({@link Classifier}), which tests call without a container.
 * <p>
 * The call is {@code @Asynchronous} so {@code @Timeout} is a real deadline for the caller (a
 * synchronous timeout on Liberty does not interrupt a blocking HTTP read); the Rest Client's read
 * timeout ({@code mailer.ollama.read-timeout-ms}, a little longer) then frees the connection, and
 * with it Ollama's slot. The bulkhead is sized to Ollama's parallel slots. Only transient failures
 * are retried, with jitter; an expired deadline is not retried (a slow model gets slower when asked twice).
 * Every value can be changed with MP Config, {@code <class>/chat/<Annotation>/<field>}; the defaults
 * in microprofile-config.properties map them to {@code mailer.ollama.*}.
 * <p>
 * With {@code mailer.triage.ai-enabled=false} the door is shut: no request reaches Ollama, whoever
 * asks (classification, drafts, the re-classification's reachability check); the answer is
 * {@link AiOutcome#DISABLED} and the callers' fallbacks take over.
 */
@ApplicationScoped
public class OllamaChat {

    @Inject
    @RestClient
    OllamaApi api;

    @Inject
    @ConfigProperty(name = "mailer.triage.ai-enabled")
    boolean enabled;

    @Asynchronous
    @Timeout(value = 60_000, unit = ChronoUnit.MILLIS)
    @Bulkhead(value = 2, waitingTaskQueue = 2)
    @Retry(
            maxRetries = 2,
            delay = 500,
            jitter = 400,
            maxDuration = 300_000,
            retryOn = OllamaUnavailableException.class,
            abortOn = {
                OllamaRejectedException.class,
                org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class
            })
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.75,
            delay = 30_000,
            successThreshold = 1,
            skipOn = OllamaRejectedException.class)
    @Fallback(OllamaFallback.class)
    public CompletionStage<ChatReply> chat(JsonObject request) {
        if (!enabled) {
            return CompletableFuture.completedFuture(ChatReply.failed(AiOutcome.DISABLED));
        }
        try {
            return CompletableFuture.completedFuture(ChatReply.answered(api.chat(request)));
        } catch (ProcessingException e) {
            throw transport(e);
        }
    }

    /** Whether Ollama answers at all, and which models it has; for re-classification and ops. */
    @Asynchronous
    @Timeout(value = 5_000, unit = ChronoUnit.MILLIS)
    @Fallback(fallbackMethod = "noTags")
    public CompletionStage<String> tags() {
        if (!enabled) {
            return noTags();
        }
        try {
            return CompletableFuture.completedFuture(api.tags());
        } catch (ProcessingException e) {
            throw transport(e);
        }
    }

    CompletionStage<String> noTags() {
        return CompletableFuture.completedFuture(null);
    }

    /** Connection refused, reset, or the read timeout: the door is closed for now, worth a retry. */
    static RuntimeException transport(ProcessingException e) {
        return new OllamaUnavailableException(
                "Ollama not reachable: " + e.getClass().getSimpleName(), e);
    }
}
