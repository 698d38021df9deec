package de.dockeragents.mailer.platform.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressesTest {

    @Test
    void aHeaderNamesAnAddressExactlyWhateverTheCase() {
        assertTrue(Addresses.names("Ann Example <Ann@Example.DE>", "ann@example.de"));
        assertTrue(Addresses.names("team@x.de, \"Ann, Dr.\" <ann@example.de>", "ANN@example.de"));
        assertTrue(Addresses.names("ann@example.de", "ann@example.de"));
    }

    @Test
    void aLookAlikeOrAnUnreadableHeaderNamesNone() {
        assertFalse(Addresses.names("jo.ann@example.de", "ann@example.de"));
        assertFalse(Addresses.names("ann@example.de.evil", "ann@example.de"));
        assertFalse(Addresses.names(null, "ann@example.de"));
        assertFalse(Addresses.names("", "ann@example.de"));
    }
}
