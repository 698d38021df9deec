package de.dockeragents.mailer.review.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.review.control.AuditTrail;
import de.dockeragents.mailer.review.entity.AuditEntry;
import de.dockeragents.mailer.review.entity.Ids;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;

/** Who approved, rejected, corrected or requeued what, and when. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "the decisions of people, newest first")
public class AuditResource {

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "the audit trail, optionally of one mail (mailId)")
    public Page<AuditEntry> list(
            @QueryParam("mailId") String mailId,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Long mail = mailId == null || mailId.isBlank() ? null : Ids.parse("mailId", mailId.strip());
        return audit.list(mail, Paging.of(limit, offset));
    }
}
