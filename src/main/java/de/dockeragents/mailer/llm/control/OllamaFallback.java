package de.dockeragents.mailer.llm.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import de.dockeragents.mailer.llm.entity.AiOutcome;

/**
 * When Ollama cannot answer, the reply says why; the {@link Classifier} then lets the profile's
 * rules decide. So mail keeps flowing, recorded as {@code classified_by = rules}.
 */
public class OllamaFallback implements FallbackHandler<CompletionStage<ChatReply>> {

    @Override
    public CompletionStage<ChatReply> handle(ExecutionContext context) {
        return CompletableFuture.completedFuture(ChatReply.failed(outcome(context.getFailure())));
    }

    public static AiOutcome outcome(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
            return AiOutcome.TIMEOUT;
        }
        if (t instanceof CircuitBreakerOpenException) {
            return AiOutcome.BREAKER_OPEN;
        }
        if (t instanceof BulkheadException) {
            return AiOutcome.BULKHEAD_FULL;
        }
        return AiOutcome.ERROR;
    }
}
