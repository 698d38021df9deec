package de.dockeragents.mailer.review.boundary;

import jakarta.ws.rs.core.SecurityContext;

/** The logged-in person's name, as the audit trail records it. */
final class Caller {

    private Caller() {}

    static String name(SecurityContext security) {
        // web.xml lets nobody without a login reach a resource that records decisions
        return security.getUserPrincipal().getName();
    }
}
