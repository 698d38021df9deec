package de.dockeragents.mailer.review.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.reply.control.MailboxSends;
import de.dockeragents.mailer.review.control.Drafts;
import de.dockeragents.mailer.review.entity.Approval;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.Ids;
import de.dockeragents.mailer.review.entity.Rejection;

/** A person approves (with the text as edited) or rejects a draft reply. The recipient is not theirs to change. */
@Path("drafts")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drafts", description = "approve or reject a draft reply")
public class DraftsResource {

    @Inject
    Drafts drafts;

    @Inject
    MailboxSends mailboxSends;

    @Context
    SecurityContext security;

    @POST
    @Path("{id}/approve")
    @Operation(
            summary = "queue the draft for sending with {\"body\", \"subject\"?} as edited; a suspicious draft"
                    + " also needs \"confirmSuspicious\": true")
    @APIResponse(responseCode = "200", description = "queued (PENDING)")
    @APIResponse(
            responseCode = "400",
            description = "a field is invalid, or the draft is suspicious and"
                    + " confirmSuspicious is not true (field confirmSuspicious)")
    @APIResponse(
            responseCode = "409",
            description = "already approved or rejected, or sent from the mailbox's Drafts folder: never sent twice")
    public Draft approve(@PathParam("id") String id, String body) {
        long outboundId = Ids.parse("id", id);
        JsonBody json = JsonBody.parse(body);
        // before the approval's transaction: a copy sent from Gmail meanwhile is recorded, and refused below
        mailboxSends.sentAlready(outboundId);
        return drafts.approve(
                outboundId,
                new Approval(json.string("subject"), json.string("body"), json.bool("confirmSuspicious")),
                Caller.name(security));
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "reject the draft, with an optional {\"reason\"} for the audit trail")
    @APIResponse(responseCode = "200", description = "rejected")
    @APIResponse(responseCode = "409", description = "already approved or rejected")
    public Draft reject(@PathParam("id") String id, String body) {
        long outboundId = Ids.parse("id", id);
        String reason =
                body == null || body.isBlank() ? null : JsonBody.parse(body).string("reason");
        return drafts.reject(outboundId, new Rejection(reason), Caller.name(security));
    }
}
