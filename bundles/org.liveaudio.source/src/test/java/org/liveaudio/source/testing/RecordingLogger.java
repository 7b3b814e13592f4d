package org.liveaudio.source.testing;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** A Logger that records each line as {@code LEVEL message}, with {@code {}} placeholders filled in. */
public final class RecordingLogger {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("is") && name.endsWith("Enabled")) {
                    return true;
                }
                if (name.equals("getName")) {
                    return "test";
                }
                if (name.equals("toString")) {
                    return "RecordingLogger";
                }
                if (name.equals("hashCode")) {
                    return System.identityHashCode(proxy);
                }
                if (name.equals("equals")) {
                    return proxy == args[0];
                }
                if (args != null && args.length > 0 && args[0] instanceof String format) {
                    lines.add(name.toUpperCase() + " " + format(format, args));
                }
                return null;
            });

    public Logger logger() {
        return logger;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> warnings() {
        return lines.stream().filter(line -> line.startsWith("WARN ")).toList();
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
