package de.dockeragents.mailer.llm.control;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Ollama's HTTP API, as far as the mailer uses it. Base URL and timeouts come from
 * {@code ollama/mp-rest/*}, which microprofile-config.properties maps to {@code mailer.ollama.*}.
 * Responses are read as text: {@link AnswerCheck} decides what is valid, not the JSON binding.
 */
@RegisterRestClient(configKey = "ollama")
@RegisterProvider(OllamaErrors.class)
@Path("/api")
public interface OllamaApi {

    @POST
    @Path("chat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String chat(JsonObject request);

    @GET
    @Path("tags")
    @Produces(MediaType.APPLICATION_JSON)
    String tags();
}
