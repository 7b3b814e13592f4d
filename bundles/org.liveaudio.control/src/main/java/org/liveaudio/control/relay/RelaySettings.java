package org.liveaudio.control.relay;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;

/**
 * The relay's configuration, read and checked whole: where the Icecast server is, the mount, who streams to it,
 * and how. The password stays in a file of its own ({@code passwordFile}) and in no message.
 *
 * @param kilobitsPerSecond the Opus bitrate of the relayed stream
 */
record RelaySettings(String host, int port, String mount, String user, Path passwordFile, int kilobitsPerSecond,
        String streamName) {
    static final String KEY_URL = "url";
    static final String KEY_MOUNT = "mount";
    static final String KEY_USER = "user";
    static final String KEY_PASSWORD_FILE = "passwordFile";
    static final String KEY_BITRATE = "bitrate";
    static final String KEY_NAME = "name";
    static final int MIN_KBPS = 6;
    static final int MAX_KBPS = 510;

    static RelaySettings read(Map<String, ?> properties, IcecastRelay.Config defaults)
            throws InvalidSettingException {
        SettingsReader reader = new SettingsReader(properties);
        String url = reader.string(KEY_URL, defaults.url()).strip();
        URI server = server(url);
        String mount = reader.string(KEY_MOUNT, defaults.mount()).strip();
        if (!mount.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]")) {
            throw new InvalidSettingException(KEY_MOUNT, mount, "a path such as /live.opus: a slash, then letters, "
                    + "digits and . _ ~ - /");
        }
        String user = reader.string(KEY_USER, defaults.user()).strip();
        if (user.isEmpty() || !user.matches("[\\x21-\\x7e&&[^:]]+")) {
            throw new InvalidSettingException(KEY_USER, user, "a user name without spaces or ':' (Icecast's is "
                    + "source)");
        }
        String file = reader.string(KEY_PASSWORD_FILE, defaults.passwordFile()).strip();
        if (file.isEmpty()) {
            throw new InvalidSettingException(KEY_PASSWORD_FILE, file, "the file that holds the source password "
                    + "on its first line, readable by this process");
        }
        Path passwordFile = Path.of(file);
        password(passwordFile);
        int kbps = reader.integer(KEY_BITRATE, defaults.bitrate(), MIN_KBPS, MAX_KBPS);
        String name = reader.string(KEY_NAME, defaults.name()).strip();
        if (name.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidSettingException(KEY_NAME, name.replaceAll("\\p{Cntrl}", "?"), "one line of text");
        }
        return new RelaySettings(server.getHost(), server.getPort(), mount, user, passwordFile, kbps, name);
    }

    /**
     * The password, from the first line of its file: read again at every connection, so that a changed password
     * needs no reconfiguration.
     *
     * @throws InvalidSettingException naming the file (never its content) when it cannot be used
     */
    static String password(Path file) throws InvalidSettingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSettingException(KEY_PASSWORD_FILE, file, "a readable file holding the source "
                    + "password on its first line (" + e.getClass().getSimpleName() + ")");
        }
        String password = text.lines().findFirst().orElse("").strip();
        if (password.isEmpty()) {
            throw new InvalidSettingException(KEY_PASSWORD_FILE, file, "a file whose first line is the source "
                    + "password; this one's is empty");
        }
        return password;
    }

    private static URI server(String url) throws InvalidSettingException {
        String allowed = "http://HOST:PORT of the Icecast server, e.g. http://127.0.0.1:8000 (no path: that is "
                + "mount; no https: put a TLS proxy in front)";
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                    || uri.getUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/")) || uri.getRawQuery() != null) {
                throw new InvalidSettingException(KEY_URL, url, allowed);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(KEY_URL, url, allowed);
        }
    }

    /** Where the stream goes, for log lines and the status: the server and mount, never the password. */
    String target() {
        return "http://" + host + ":" + port + mount;
    }
}
