package org.liveaudio.common.sap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a session is announced (RFC 2974 3): in the scope of its own multicast group, so that an announcement
 * reaches exactly those who could receive the session.
 */
public final class SapAddress {
    /** RFC 2974 3: IPv4 global scope (224.0.1.0 to 238.255.255.255). */
    public static final String IPV4_GLOBAL = "224.2.127.254";
    /** PipeWire's {@code module-rtp-sap} announces here by default (link-local scope), not at an RFC address. */
    public static final String PIPEWIRE_DEFAULT = "224.0.0.56";

    private SapAddress() {
    }

    /**
     * The SAP group for a session group. IPv4 administrative scopes (RFC 2365) announce at the highest address of
     * the scope: 239.255.255.255 for the local scope 239.255.0.0/16, 239.195.255.255 for the organisation-local
     * 239.192.0.0/14, and 239.255.255.255 for the rest of 239.0.0.0/8, whose zones this host cannot learn (the
     * RFC's MZAP is not deployed); link-local 224.0.0.0/24 likewise at 224.0.0.255; global scope at
     * {@value #IPV4_GLOBAL}. IPv6: {@code ff0X::2:7ffe} with X the session group's scope.
     *
     * @throws IllegalArgumentException for an address that is not multicast
     */
    public static InetAddress forGroup(InetAddress group) {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast address");
        }
        byte[] a = group.getAddress();
        if (group instanceof Inet4Address) {
            int first = a[0] & 0xFF;
            int second = a[1] & 0xFF;
            if (first == 239 && second >= 192 && second <= 195) {
                return bytes(239, 195, 255, 255);
            }
            if (first == 239) {
                return bytes(239, 255, 255, 255);
            }
            if (first == 224 && second == 0 && (a[2] & 0xFF) == 0) {
                return bytes(224, 0, 0, 255);
            }
            return bytes(224, 2, 127, 254);
        }
        byte[] sap = new byte[16];
        sap[0] = (byte) 0xFF;
        sap[1] = (byte) (a[1] & 0x0F);
        sap[13] = 2;
        sap[14] = 0x7F;
        sap[15] = (byte) 0xFE;
        return address(sap);
    }

    private static InetAddress bytes(int a, int b, int c, int d) {
        return address(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
