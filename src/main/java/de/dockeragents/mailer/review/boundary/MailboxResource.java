package de.dockeragents.mailer.review.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.reply.control.Replies;
import de.dockeragents.mailer.review.control.Folders;
import de.dockeragents.mailer.review.entity.MailboxView;

/** How the mailbox is read: the first start's choice per folder, so staff know what old mail the page holds. */
@Path("mailbox")
@RequestScoped
@Tag(name = "mailbox", description = "the initial import per folder, and the age limit of automatic replies")
public class MailboxResource {

    @Inject
    Folders folders;

    @Inject
    Replies replies;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "each folder's initial import (mailer.imap.initial-import) and mailer.reply.max-age")
    public MailboxView get() {
        return new MailboxView(folders.starts(), replies.settings().maxAge().toMinutes());
    }
}
