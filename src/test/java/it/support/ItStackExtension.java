package it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.DevStack;

/**
 * Starts the shared stack before any other extension looks for a server, and points MicroShed
 * Testing's manual mode at it (no containers here: the build started the server natively).
 * Register it before {@code @MicroShedTest}.
 */
public class ItStackExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        DevStack stack = ItStack.get();
        System.setProperty("microshed_manual_env", "true");
        System.setProperty("microshed_hostname", "127.0.0.1");
        System.setProperty("microshed_http_port", String.valueOf(stack.httpPort()));
        // the mailer's REST resources sit under the application path /api
        System.setProperty("microshed_app_context_root", "/api");
    }
}
