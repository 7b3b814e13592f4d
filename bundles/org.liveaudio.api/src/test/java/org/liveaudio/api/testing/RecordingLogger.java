package org.liveaudio.api.testing;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/**
 * An OSGi {@link Logger} for unit tests that keeps each line as {@code LEVEL message}, with {@code {}}
 * placeholders filled in. Shared by every bundle's tests through this module's test jar.
 */
public final class RecordingLogger {
    private static final Set<String> LEVELS = Set.of("audit", "error", "warn", "info", "debug", "trace");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                String name = method.getName();
                if (LEVELS.contains(name) && args != null && args[0] instanceof String format) {
                    lines.add(name.toUpperCase(Locale.ROOT) + " " + format(format, args));
                    return null;
                }
                return switch (name) {
                    case "getName" -> "test";
                    case "toString" -> "RecordingLogger";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> name.startsWith("is") ? Boolean.TRUE : null;
                };
            });

    public Logger logger() {
        return logger;
    }

    /** Every line so far, as {@code LEVEL message}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines logged as warnings, with their {@code WARN} prefix. */
    public List<String> warnings() {
        return lines.stream().filter(line -> line.startsWith("WARN ")).toList();
    }

    /** The messages logged at {@code level} (any case), without the level. */
    public List<String> at(String level) {
        String prefix = level.toUpperCase(Locale.ROOT) + " ";
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }

    private static String format(String format, Object[] args) {
        Object[] values = args.length == 2 && args[1] instanceof Object[] varargs ? varargs
                : Arrays.copyOfRange(args, 1, args.length);
        StringBuilder text = new StringBuilder();
        int from = 0;
        for (Object value : values) {
            int at = format.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            text.append(format, from, at).append(value);
            from = at + 2;
        }
        return text.append(format.substring(from)).toString();
    }
}
