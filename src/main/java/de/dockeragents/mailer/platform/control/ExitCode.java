package de.dockeragents.mailer.platform.control;

import java.util.logging.Logger;

/**
 * The exit-code contract: 0 clean shutdown, 1 configuration error, 2 connection error, 3 a
 * liveness check stayed DOWN (the restart policy starts the mailer again).
 */
public enum ExitCode {
    CONFIGURATION(1),
    CONNECTION(2),
    LIVENESS(3);

    private static final Logger LOG = Logger.getLogger(ExitCode.class.getName());
    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * Stops the server with this code. From its own thread: the server's shutdown waits for the
     * application's start-up, which may be the caller.
     */
    public void exit(String why) {
        LOG.severe("mailer stops with exit code " + code + ": " + why);
        Thread t = new Thread(() -> System.exit(code), "mailer-exit");
        t.setDaemon(false);
        t.start();
    }
}
