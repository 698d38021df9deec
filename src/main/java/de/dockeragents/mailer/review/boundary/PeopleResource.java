package de.dockeragents.mailer.review.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.review.control.People;
import de.dockeragents.mailer.review.entity.Person;
import de.dockeragents.mailer.review.entity.Role;

/** The people who log in to the page; admin only (web.xml). Every change is audited. */
@Path("people")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "people", description = "admin: who logs in, add, disable, enable, new password")
public class PeopleResource {

    @Inject
    People people;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "everyone who may log in, by name")
    public List<Person> list() {
        return people.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "add a person {name, role: staff|admin, password}; they log in with that password")
    @APIResponse(responseCode = "201", description = "added")
    @APIResponse(responseCode = "400", description = "a name or password the rules refuse (field and reason)")
    @APIResponse(responseCode = "409", description = "the name is taken")
    public Response add(String body) {
        JsonBody json = JsonBody.parse(body);
        Person added = people.add(
                Caller.name(security),
                json.required("name"),
                Role.of(json.string("role") == null ? "staff" : json.string("role")),
                json.required("password"));
        return Response.status(201).entity(added).build();
    }

    @POST
    @Path("{name}/disable")
    @Operation(summary = "the person can no longer log in; their open sessions end")
    @APIResponse(responseCode = "204", description = "disabled")
    @APIResponse(responseCode = "409", description = "oneself, the last admin, or an account of the configuration")
    public void disable(@PathParam("name") String name) {
        people.enable(Caller.name(security), name, false);
    }

    @POST
    @Path("{name}/enable")
    @Operation(summary = "the person can log in again")
    @APIResponse(responseCode = "204", description = "enabled")
    public void enable(@PathParam("name") String name) {
        people.enable(Caller.name(security), name, true);
    }

    @PUT
    @Path("{name}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "set a new password {password}; the person's open sessions end")
    @APIResponse(responseCode = "204", description = "set")
    @APIResponse(responseCode = "400", description = "a password the rules refuse, with the reason")
    public void password(@PathParam("name") String name, String body) {
        people.resetPassword(Caller.name(security), name, JsonBody.parse(body).required("password"));
    }
}
