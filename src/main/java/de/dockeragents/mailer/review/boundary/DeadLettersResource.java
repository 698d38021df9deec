package de.dockeragents.mailer.review.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.review.control.DeadLetters;
import de.dockeragents.mailer.review.entity.DeadLetter;
import de.dockeragents.mailer.review.entity.Ids;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;

/** Mail the outbox gave up on; admin only (web.xml). */
@Path("dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters", description = "admin: mail the outbox gave up on, and requeueing it")
public class DeadLettersResource {

    @Inject
    DeadLetters deadLetters;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "dead-lettered mail, last given up first")
    public Page<DeadLetter> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return deadLetters.list(Paging.of(limit, offset));
    }

    @POST
    @Path("{id}/requeue")
    @Operation(summary = "back to PENDING with its attempts reset; audited")
    @APIResponse(responseCode = "204", description = "queued again")
    @APIResponse(responseCode = "409", description = "the mail is not dead-lettered")
    public void requeue(@PathParam("id") String id) {
        deadLetters.requeue(Ids.parse("id", id), Caller.name(security));
    }
}
