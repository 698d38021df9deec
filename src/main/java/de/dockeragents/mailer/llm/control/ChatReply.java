package de.dockeragents.mailer.llm.control;

import de.dockeragents.mailer.llm.entity.AiOutcome;

/**
 * What the Ollama call brought back: the raw response body of {@code /api/chat}, or why there is
 * none. The body is not trusted: {@link AnswerCheck} reads it.
 */
public record ChatReply(String body, AiOutcome failure) {

    public static ChatReply answered(String body) {
        return new ChatReply(body, null);
    }

    public static ChatReply failed(AiOutcome why) {
        return new ChatReply(null, why);
    }

    public boolean answered() {
        return failure == null;
    }
}
