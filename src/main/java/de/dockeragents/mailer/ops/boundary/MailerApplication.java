package de.dockeragents.mailer.ops.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST resources live under /api; /health and /metrics are served by Liberty itself. */
@ApplicationPath("api")
public class MailerApplication extends Application {
}
