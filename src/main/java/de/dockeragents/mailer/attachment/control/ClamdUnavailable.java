package de.dockeragents.mailer.attachment.control;

import java.io.IOException;

/** clamd could not be reached or did not answer in time: the file stays pending, never clean. */
public class ClamdUnavailable extends IOException {

    private static final long serialVersionUID = 1L;

    public ClamdUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
