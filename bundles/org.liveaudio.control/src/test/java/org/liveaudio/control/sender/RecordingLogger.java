package org.liveaudio.control.sender;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** A Logger that keeps each line as {@code LEVEL message}, with the {@code {}} placeholders filled in. */
final class RecordingLogger {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("is")) {
                    return true;
                }
                if (name.equals("getName")) {
                    return "test";
                }
                if (args != null && args.length > 0 && args[0] instanceof String format) {
                    lines.add(name.toUpperCase() + " " + format(format, args));
                }
                return null;
            });

    List<String> at(String level) {
        return lines.stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    private static String format(String format, Object[] args) {
        Object[] values = args.length == 2 && args[1] instanceof Object[] varargs ? varargs
                : Arrays.copyOfRange(args, 1, args.length);
        StringBuilder line = new StringBuilder();
        int from = 0;
        for (Object value : values) {
            int at = format.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            line.append(format, from, at).append(value);
            from = at + 2;
        }
        return line.append(format.substring(from)).toString();
    }
}
