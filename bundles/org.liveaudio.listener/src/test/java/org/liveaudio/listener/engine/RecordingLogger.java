package org.liveaudio.listener.engine;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** A Logger that keeps every line as {@code LEVEL message}, for tests to read. */
final class RecordingLogger {
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "audit");

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] { Logger.class }, (proxy, method, args) -> {
                String name = method.getName();
                if (LEVELS.contains(name) && args != null && args[0] instanceof String message) {
                    lines.add(name.toUpperCase() + " " + message);
                    return null;
                }
                if (name.startsWith("is")) {
                    return true;
                }
                return name.equals("getName") ? "test" : null;
            });

    /** The messages logged at {@code level}, without the level. */
    List<String> at(String level) {
        String prefix = level.toUpperCase() + " ";
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }
}
