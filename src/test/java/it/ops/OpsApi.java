package it.ops;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The mailer's operator API as a client sees it. The poll is admin's and changes state, so it needs
 * the session's CSRF token: GET session hands out the token and the session cookie to send back.
 */
@Path("")
public interface OpsApi {

    /** What the server answers for one poll; a null error is left out of the JSON. */
    class PollResult {
        public boolean ran;
        public int fetched;
        public int stored;
        public int duplicates;
        public int parseErrors;
        public int tooLarge;
        public String error;
    }

    @GET
    @Path("session")
    @Produces(MediaType.APPLICATION_JSON)
    Response session();

    @POST
    @Path("ops/poll")
    @Produces(MediaType.APPLICATION_JSON)
    PollResult poll(@HeaderParam("X-CSRF-Token") String csrfToken, @HeaderParam("Cookie") String cookie);
}
