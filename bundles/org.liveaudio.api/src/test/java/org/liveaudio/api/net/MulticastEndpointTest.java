package org.liveaudio.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liveaudio.api.InvalidSettingException;

class MulticastEndpointTest {
    @Test
    void defaultsMakeALoopbackEndpoint() throws Exception {
        MulticastEndpoint endpoint = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        assertEquals("239.255.0.1:5004 on lo", endpoint.toString());
        assertEquals(1, endpoint.ttl());
    }

    @Test
    void ipv6MulticastLiteralIsAccepted() throws Exception {
        assertTrue(MulticastEndpoint.of("ff15::1", 5004, "lo", 1).group().isMulticastAddress());
    }

    @ParameterizedTest
    @CsvSource({
        "group, 10.0.0.1, 5004, lo, 1",
        "group, 240.0.0.300, 5004, lo, 1",
        "group, 239.255.0, 5004, lo, 1",
        "group, example.org, 5004, lo, 1",
        "group, ::1, 5004, lo, 1",
        "port, 239.255.0.1, 0, lo, 1",
        "port, 239.255.0.1, 65535, lo, 1",
        "interface, 239.255.0.1, 5004, nosuch0, 1",
        "ttl, 239.255.0.1, 5004, lo, 256",
        "ttl, 239.255.0.1, 5004, lo, -1",
    })
    void eachBadValueIsRefusedNamingItsKey(String key, String group, int port, String nic, int ttl) {
        InvalidSettingException refused =
                assertThrows(InvalidSettingException.class, () -> MulticastEndpoint.of(group, port, nic, ttl));
        assertEquals(key, refused.key());
        assertTrue(refused.getMessage().contains("allowed: "), refused.getMessage());
    }
}
