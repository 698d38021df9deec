package de.dockeragents.mailer.platform.control;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether start-up finished: configuration checked, dependencies reached, schema migrated, components started. */
@ApplicationScoped
public class StartupState {

    private volatile boolean started;

    public boolean started() {
        return started;
    }

    public void started(boolean value) {
        started = value;
    }
}
