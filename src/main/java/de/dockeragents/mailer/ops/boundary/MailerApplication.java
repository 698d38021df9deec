package de.dockeragents.mailer.ops.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * REST resources live under /api; /health, /metrics and /openapi are served by Liberty itself.
 * Every call but /api/session needs a login (web.xml); state-changing calls need X-CSRF-Token.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Docker-Agents mailer",
                        version = "1",
                        description =
                                "Staff review API. Log in with HTTP Basic (scripts) or POST /api/session (the page); every"
                                        + " POST/PUT/DELETE needs the X-CSRF-Token that GET /api/session returns."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class MailerApplication extends Application {}
