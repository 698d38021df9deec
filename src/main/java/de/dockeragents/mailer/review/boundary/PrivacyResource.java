package de.dockeragents.mailer.review.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.review.control.Erasure;
import de.dockeragents.mailer.review.control.Forgetting;
import de.dockeragents.mailer.review.control.PrivacyLog;
import de.dockeragents.mailer.review.entity.ErasureRecord;
import de.dockeragents.mailer.review.entity.ForgetPreview;
import de.dockeragents.mailer.review.entity.Problem;

/**
 * A person's request to be forgotten; admin only (web.xml). The address travels in the request body, never in
 * a URL (which access logs keep). Preview first, then confirm; the record names no address.
 */
@Path("privacy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "privacy", description = "admin: erase all mail of one address (preview, confirm), the record of it")
public class PrivacyResource {

    @Inject
    Forgetting forgetting;

    @Inject
    PrivacyLog log;

    @Context
    SecurityContext security;

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "what erasing {address} would delete: mails, attachments, replies (not sent yet)")
    @APIResponse(responseCode = "200", description = "the counts and the start of the address's keyed hash")
    @APIResponse(responseCode = "400", description = "not one valid address, or the mailbox's own")
    public ForgetPreview preview(String body) {
        return forgetting.preview(JsonBody.parse(body).required("address"));
    }

    @POST
    @Path("forget")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "erase everything of {address, confirm: true}; run again to complete a run cut short")
    @APIResponse(responseCode = "200", description = "erased: what went")
    @APIResponse(responseCode = "400", description = "not one valid address, the mailbox's own, or no confirm")
    @APIResponse(responseCode = "503", description = "cut short: run it again to complete it")
    public Erasure.Counts forget(String body) {
        JsonBody json = JsonBody.parse(body);
        String address = json.required("address");
        if (!json.bool("confirm")) {
            throw Problem.invalid("confirm", "confirm must be true: look at the preview first");
        }
        return forgetting.forget(Caller.name(security), address);
    }

    @GET
    @Path("erasures")
    @Operation(summary = "the record of requests to be forgotten, newest first (the address as its keyed hash)")
    public List<ErasureRecord> erasures() {
        return log.list(100);
    }
}
