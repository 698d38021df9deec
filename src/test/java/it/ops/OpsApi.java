package it.ops;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The mailer's operator API as a client sees it. */
@Path("ops")
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

    @POST
    @Path("poll")
    @Produces(MediaType.APPLICATION_JSON)
    PollResult poll();
}
