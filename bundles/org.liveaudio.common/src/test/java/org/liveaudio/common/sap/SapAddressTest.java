package org.liveaudio.common.sap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SapAddressTest {
    @Test
    void localScopeAnnouncesAtItsHighestAddress() throws Exception {
        assertEquals(address("239.255.255.255"), SapAddress.forGroup(address("239.255.0.1")));
        assertEquals(address("239.255.255.255"), SapAddress.forGroup(address("239.255.200.9")));
    }

    @Test
    void organisationLocalScopeAnnouncesAtItsHighestAddress() throws Exception {
        assertEquals(address("239.195.255.255"), SapAddress.forGroup(address("239.192.0.7")));
    }

    @Test
    void globalScopeAnnouncesAtTheRfcAddress() throws Exception {
        assertEquals(address("224.2.127.254"), SapAddress.forGroup(address("233.1.2.3")));
    }

    @Test
    void ipv6AnnouncesInTheGroupsScope() throws Exception {
        assertEquals(address("ff05::2:7ffe"), SapAddress.forGroup(address("ff15::1234")));
        assertEquals(address("ff02::2:7ffe"), SapAddress.forGroup(address("ff02::9")));
    }

    @Test
    void unicastHasNoSapAddress() {
        assertThrows(IllegalArgumentException.class, () -> SapAddress.forGroup(address("10.0.0.1")));
    }

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
