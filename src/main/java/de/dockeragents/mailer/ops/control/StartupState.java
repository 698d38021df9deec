package de.dockeragents.mailer.ops.control;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether start-up finished, and the settings it read; health checks and resources read it. */
@ApplicationScoped
public class StartupState {

    private volatile Settings settings;
    private volatile boolean started;

    public Settings settings() {
        return settings;
    }

    public boolean started() {
        return started;
    }

    public void configured(Settings settings) {
        this.settings = settings;
    }

    public void started(boolean value) {
        started = value;
    }
}
