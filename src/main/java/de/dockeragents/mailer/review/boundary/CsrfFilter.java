package de.dockeragents.mailer.review.boundary;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every state-changing call under /api needs the session's CSRF token in X-CSRF-Token, whoever
 * calls (a browser with its cookies, or a script with HTTP Basic, which a browser may also have
 * remembered); missing or wrong is 403. Only the login itself goes without: it has no session yet,
 * and it accepts JSON only, which a form on another site cannot send.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CsrfFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (SAFE.contains(context.getMethod())) {
            return;
        }
        if ("POST".equals(context.getMethod())
                && "session".equals(context.getUriInfo().getPath().replaceAll("^/|/$", ""))) {
            return;
        }
        if (!Csrf.matches(StaffAuthentication.session(request), context.getHeaderString(Csrf.HEADER))) {
            context.abortWith(ProblemMapper.response(
                    403,
                    Csrf.HEADER,
                    "a state-changing request needs the session's CSRF token in " + Csrf.HEADER
                            + " (GET /api/session hands it out)"));
        }
    }
}
