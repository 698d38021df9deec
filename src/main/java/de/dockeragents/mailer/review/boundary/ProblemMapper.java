package de.dockeragents.mailer.review.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import de.dockeragents.mailer.review.entity.Problem;

/** A refused request as an RFC 9457 problem: {@code status}, {@code title}, {@code detail}, the {@code field} at fault. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Response toResponse(Problem p) {
        return response(p.status(), p.field(), p.getMessage());
    }

    static Response response(int status, String field, String detail) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", Response.Status.fromStatusCode(status).getReasonPhrase())
                .add("status", status)
                .add("detail", detail);
        if (field != null) {
            b.add("field", field);
        }
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(b.build().toString())
                .build();
    }
}
