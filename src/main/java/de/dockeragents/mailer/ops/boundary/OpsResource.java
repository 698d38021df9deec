package de.dockeragents.mailer.ops.boundary;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;

import de.dockeragents.mailer.inbox.control.InboxPoller;
import de.dockeragents.mailer.ops.control.Configuration;
import de.dockeragents.mailer.platform.control.StartupState;
import de.dockeragents.mailer.review.control.Erasure;
import de.dockeragents.mailer.review.control.MailRetention;

/** Operator actions. Off unless mailer.ops.trigger-enabled=true; it then answers on loopback use. */
@Path("ops")
@RequestScoped
public class OpsResource {

    @Inject
    StartupState state;

    @Inject
    Configuration configuration;

    @Inject
    InboxPoller poller;

    @Inject
    MailRetention retention;

    /** Polls the mailbox now and tells what the poll did. */
    @POST
    @Path("poll")
    @Produces(MediaType.APPLICATION_JSON)
    public InboxPoller.Result poll() {
        if (!configuration.settings().opsTrigger()) {
            throw new NotFoundException();
        }
        if (!state.started()) {
            throw new ServiceUnavailableException("the mailer is still starting");
        }
        return poller.poll();
    }

    /** Runs the mail retention now (mailer.retention.mail) and tells what it deleted. */
    @POST
    @Path("retention")
    @Produces(MediaType.APPLICATION_JSON)
    public Erasure.Counts retention() throws Exception {
        if (!configuration.settings().opsTrigger()) {
            throw new NotFoundException();
        }
        if (!state.started()) {
            throw new ServiceUnavailableException("the mailer is still starting");
        }
        return retention.run(OffsetDateTime.now());
    }
}
