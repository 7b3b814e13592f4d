package org.liveaudio.api;

/**
 * A configuration value that cannot be used. Carries what a user needs to fix it: the key, the value
 * that was given and what would have been accepted.
 */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;
    private final String allowed;

    public InvalidSettingException(String key, Object value, String allowed) {
        super(key + "=" + value + " refused; allowed: " + allowed);
        this.key = key;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }
}
