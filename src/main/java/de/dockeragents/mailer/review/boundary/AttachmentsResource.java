package de.dockeragents.mailer.review.boundary;

import java.sql.SQLException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.attachment.boundary.AttachmentProcessor;
import de.dockeragents.mailer.attachment.control.Attachments;
import de.dockeragents.mailer.attachment.entity.AttachmentView;
import de.dockeragents.mailer.attachment.entity.Download;
import de.dockeragents.mailer.review.entity.Ids;
import de.dockeragents.mailer.review.entity.Problem;

/**
 * Staff download a clean, filed attachment of a mail. The file is found by its row (mail id and
 * attachment id, both numbers), never by a name from the request; anything not scanned clean is
 * refused with the reason the page also shows.
 */
@Path("mails/{id}/attachments/{attachmentId}")
@RequestScoped
@Tag(name = "inbox")
public class AttachmentsResource {

    @Inject
    AttachmentProcessor attachments;

    @GET
    @Operation(summary = "the file of a clean attachment, as a download (Content-Disposition: attachment)")
    @APIResponse(responseCode = "200", description = "the file")
    @APIResponse(
            responseCode = "403",
            description = "quarantined (infected, not scannable) or refused by policy: never")
    @APIResponse(responseCode = "404", description = "no such attachment of that mail")
    @APIResponse(responseCode = "409", description = "not scanned for viruses yet")
    @APIResponse(responseCode = "410", description = "removed by the retention cleanup")
    public Response download(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        long mailId = Ids.parse("id", id);
        long aid = Ids.parse("attachmentId", attachmentId);
        Attachments a = attachments.attachments();
        if (a == null) {
            throw new Problem(503, null, "the attachment store is not ready yet");
        }
        Download d;
        try {
            d = a.files().open(mailId, aid);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read attachment " + aid, e);
        }
        if (d == null) {
            throw Problem.notFound("attachment " + aid + " of mail " + mailId);
        }
        AttachmentView v = d.view();
        switch (v.availability()) {
            case QUARANTINED, REJECTED -> throw new Problem(403, null, v.refusal());
            case PENDING -> throw Problem.conflict(v.refusal());
            case REMOVED -> throw new Problem(410, null, v.refusal());
            case READY -> {
                // answered below
            }
        }
        if (d.file() == null) {
            throw new Problem(410, null, "the file is no longer in the attachment store");
        }
        return Response.ok(d.file().toFile())
                .type(DownloadHeaders.contentType(v.detectedType()))
                .header("Content-Disposition", DownloadHeaders.disposition(v.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .build();
    }
}
