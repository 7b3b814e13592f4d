package org.liveaudio.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;

/**
 * Reads one configuration (a ConfigAdmin dictionary, as FileInstall fills it from a {@code .cfg} file) key by
 * key, refusing a value with the key, the value and what is allowed. Values come as strings from files and as
 * typed objects from code, so both are accepted.
 *
 * <p>Components keep their typed {@code @ObjectClassDefinition} for MetaType and defaults, and read through
 * this class so that {@code port=abc} is refused with a clear message instead of silently becoming a default.
 * The fallbacks come from the typed configuration itself, through {@link #defaults}.
 */
public final class SettingsReader {
    /** The property through which FileInstall tells which file a configuration came from. */
    public static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final Map<String, ?> properties;

    public SettingsReader(Map<String, ?> properties) {
        this.properties = properties;
    }

    /**
     * The defaults a typed configuration declares, as an instance of it: {@code defaults(Config.class).port()}.
     * Taking a key's fallback from here leaves the annotation, which MetaType shows to users, the one place
     * where the default is written. (Its {@code min} and {@code max} cannot be read back: they are not kept
     * at run time.) An element that declares no default throws when called, since it has none to give.
     */
    public static <A extends Annotation> A defaults(Class<A> config) {
        if (!config.isAnnotation()) {
            throw new IllegalArgumentException(config.getName() + " is not an annotation type");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == config) {
                Object value = method.getDefaultValue();
                if (value == null) {
                    throw new IllegalStateException(config.getName() + "." + method.getName()
                            + "() declares no default");
                }
                return value;
            }
            return switch (method.getName()) {
                case "annotationType" -> config;
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "defaults of " + config.getName();
            };
        };
        return config.cast(Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config}, handler));
    }

    /** The configuration as it was given, for a component that hands some of its keys to another. */
    public Map<String, ?> properties() {
        return properties;
    }

    /** The file the configuration came from, or its PID when it was not made by FileInstall. */
    public String origin() {
        Object file = properties.get(FILE_PROPERTY);
        if (file != null) {
            String path = file.toString();
            return path.startsWith("file:") ? path.substring("file:".length()) : path;
        }
        Object pid = properties.get("service.pid");
        return pid == null ? "configuration" : "configuration " + pid;
    }

    public String string(String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    public int integer(String key, int fallback, int min, int max) throws InvalidSettingException {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
            if (parsed < min || parsed > max || (value instanceof Number number && number.doubleValue() != parsed)) {
                throw new InvalidSettingException(key, value, min + ".." + max);
            }
            return (int) parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, value, "a whole number in " + min + ".." + max);
        }
    }

    public double decimal(String key, double fallback, double min, double max) throws InvalidSettingException {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = value instanceof Number number ? number.doubleValue()
                    : Double.parseDouble(value.toString().trim());
            if (!(parsed >= min && parsed <= max)) {
                throw new InvalidSettingException(key, value, "a number in " + min + ".." + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, value, "a number in " + min + ".." + max);
        }
    }

    public boolean bool(String key, boolean fallback) throws InvalidSettingException {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidSettingException(key, value, "true or false");
    }

    /** One of a fixed set of words, compared ignoring case; returns it as listed in {@code allowed}. */
    public String choice(String key, String fallback, Set<String> allowed) throws InvalidSettingException {
        String value = string(key, fallback);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new InvalidSettingException(key, value, "one of " + String.join(", ", allowed));
    }
}
