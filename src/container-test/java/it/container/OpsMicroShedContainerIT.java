package it.container;

import org.junit.jupiter.api.BeforeAll;
import org.microshed.testing.SharedContainerConfig;
import org.microshed.testing.jupiter.MicroShedTest;

import it.ops.OpsMicroShedIT;
import it.ops.OpsTarget;

/** {@link OpsMicroShedIT}'s tests against the real image and containers (profile container-tests). */
@MicroShedTest
@SharedContainerConfig(MailerContainers.class)
class OpsMicroShedContainerIT extends OpsMicroShedIT {

    @BeforeAll
    static void target() {
        OpsTarget.use(MailerContainers.target());
    }
}
