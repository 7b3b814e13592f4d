package org.liveaudio.api.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.liveaudio.api.InvalidSettingException;

/**
 * Where a stream travels: a multicast group and port, reached through one network interface.
 * RTCP uses {@code port + 1} (RFC 3550, section 11).
 *
 * @param ttl multicast hops; 1 keeps packets on the local network
 */
public record MulticastEndpoint(InetAddress group, int port, NetworkInterface networkInterface, int ttl) {
    public static final String KEY_GROUP = "group";
    public static final String KEY_PORT = "port";
    public static final String KEY_INTERFACE = "interface";
    public static final String KEY_TTL = "ttl";
    public static final int MIN_PORT = 1;
    /** Leaves {@code port + 1} for RTCP. */
    public static final int MAX_PORT = 65534;
    public static final int MIN_TTL = 0;
    public static final int MAX_TTL = 255;

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4_LITERAL = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    public MulticastEndpoint {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(networkInterface, "networkInterface");
    }

    /**
     * Validates the four user-facing settings one by one, naming the first one that is wrong.
     *
     * @throws InvalidSettingException for a group outside 224.0.0.0/4 (or ff00::/8), a port outside
     *     {@value #MIN_PORT}..{@value #MAX_PORT} (the next port carries RTCP), an interface this machine does not
     *     have, a TTL outside {@value #MIN_TTL}..{@value #MAX_TTL}
     */
    public static MulticastEndpoint of(String group, int port, String interfaceName, int ttl)
            throws InvalidSettingException {
        InetAddress address = multicastGroup(group);
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new InvalidSettingException(KEY_PORT, port, MIN_PORT + ".." + MAX_PORT + " (port+1 carries RTCP)");
        }
        NetworkInterface nic = networkInterface(interfaceName);
        if (ttl < MIN_TTL || ttl > MAX_TTL) {
            throw new InvalidSettingException(KEY_TTL, ttl, MIN_TTL + ".." + MAX_TTL);
        }
        return new MulticastEndpoint(address, port, nic, ttl);
    }

    private static InetAddress multicastGroup(String group) throws InvalidSettingException {
        String allowed = "an IPv4 multicast address in 224.0.0.0/4 (e.g. 239.255.0.1) or IPv6 in ff00::/8";
        // Only literals: a host name would mean a DNS lookup, and "239.255.0" an implicit 239.255.0.0.
        if (group == null || !(IPV4_LITERAL.matcher(group).matches() || IPV6_LITERAL.matcher(group).matches())) {
            throw new InvalidSettingException(KEY_GROUP, group, allowed);
        }
        try {
            InetAddress address = InetAddress.getByName(group);
            if (!address.isMulticastAddress()) {
                throw new InvalidSettingException(KEY_GROUP, group, allowed);
            }
            return address;
        } catch (UnknownHostException e) {
            throw new InvalidSettingException(KEY_GROUP, group, allowed);
        }
    }

    private static NetworkInterface networkInterface(String name) throws InvalidSettingException {
        try {
            NetworkInterface nic = name == null ? null : NetworkInterface.getByName(name);
            if (nic == null) {
                throw new InvalidSettingException(KEY_INTERFACE, name, "a network interface of this machine: "
                        + interfaceNames());
            }
            return nic;
        } catch (SocketException e) {
            throw new InvalidSettingException(KEY_INTERFACE, name, "a network interface of this machine ("
                    + e.getMessage() + ")");
        }
    }

    private static String interfaceNames() throws SocketException {
        StringBuilder names = new StringBuilder();
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            names.append(names.length() == 0 ? "" : ", ").append(nic.getName());
        }
        return names.toString();
    }

    /** {@code 239.255.0.1:5004 on lo}, for status lines. */
    @Override
    public String toString() {
        return group.getHostAddress() + ":" + port + " on " + networkInterface.getName();
    }
}
