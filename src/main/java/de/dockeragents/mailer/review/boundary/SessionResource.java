package de.dockeragents.mailer.review.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.review.control.Categories;
import de.dockeragents.mailer.review.control.Logins;
import de.dockeragents.mailer.review.control.People;
import de.dockeragents.mailer.review.control.Sessions;
import de.dockeragents.mailer.review.entity.LoginOutcome;
import de.dockeragents.mailer.review.entity.Problem;
import de.dockeragents.mailer.review.entity.SessionView;

/**
 * Login and logout of the page. The password is checked against the person's account
 * ({@link Logins}, throttled), and a new session in PostgreSQL holds who logged in and the CSRF
 * token; {@link StaffAuthentication} reads it on every request, on any instance of the mailer.
 * Logging out ends that session only. A script that logs in with HTTP Basic gets its session (and
 * CSRF token) from GET /api/session.
 * Reachable without a login (web.xml), so the page can ask whether it has one without the browser's
 * own Basic dialog popping up.
 */
@Path("session")
@RequestScoped
@Tag(name = "session", description = "login, logout, CSRF token")
public class SessionResource {

    static final int MAX_USER = 100;
    static final int MAX_PASSWORD = 1000;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @Inject
    Categories categories;

    @Inject
    Logins logins;

    @Inject
    StaffAuthentication authentication;

    @Inject
    People people;

    @Inject
    @ConfigProperty(name = Profile.KEY)
    String mailer;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "who is logged in, and the CSRF token for X-CSRF-Token")
    public SessionView current() {
        if (request.getUserPrincipal() == null) {
            return SessionView.anonymous();
        }
        return view(request.getUserPrincipal().getName(), request.isUserInRole("admin"));
    }

    private SessionView view(String name, boolean admin) {
        Sessions.Open session = StaffAuthentication.session(request);
        if (session == null) {
            // logged in by HTTP Basic: a session for the script's further calls
            session = authentication.remember(
                    request,
                    response,
                    people.account(name)
                            .map(People.Account::person)
                            .orElseThrow(() -> new Problem(401, null, "not logged in")));
        }
        return new SessionView(
                true, name, admin, session.csrfToken(), mailer, categories.names(), categories.displayNames());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "log in with {\"user\", \"password\"}; a new session and CSRF token")
    @APIResponse(responseCode = "200", description = "logged in")
    @APIResponse(responseCode = "401", description = "wrong user or password, or the person is disabled")
    @APIResponse(responseCode = "429", description = "too many failed logins of this name or from this address")
    public SessionView login(String body) {
        JsonBody json = JsonBody.parse(body);
        String user = json.required("user");
        String password = json.required("password");
        if (user.length() > MAX_USER) {
            throw Problem.invalid("user", "user must be at most " + MAX_USER + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw Problem.invalid("password", "password must be at most " + MAX_PASSWORD + " characters");
        }
        end();
        LoginOutcome outcome = logins.attempt(user, password, request.getRemoteAddr());
        if (outcome.locked()) {
            long minutes = Math.max(1, (outcome.lockedFor().toSeconds() + 59) / 60);
            throw new Problem(
                    429,
                    null,
                    "too many failed logins: try again in " + minutes + (minutes == 1 ? " minute" : " minutes"));
        }
        if (!outcome.ok()) {
            // which of the two was wrong, or that the person is disabled, is not the caller's business
            throw new Problem(401, null, "wrong user or password");
        }
        authentication.remember(request, response, outcome.person());
        return view(outcome.person().name(), outcome.person().admin());
    }

    @DELETE
    @Operation(summary = "log out")
    @APIResponse(responseCode = "204", description = "logged out")
    public void logout() {
        end();
    }

    /**
     * A login starts a new session (no fixation); a logout ends the login and this session, on the
     * server: other sessions, of other people or of the same person elsewhere, go on.
     */
    private void end() {
        authentication.forget(request, response);
        try {
            request.logout();
        } catch (ServletException e) {
            // nobody was logged in
        }
    }
}
