package org.liveaudio.web.console;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The sender's configuration in ConfigurationAdmin, as FileInstall made it from the sender's file. An update
 * stays in memory (the distribution has FileInstall write nothing back), so the commented file is never
 * rewritten and editing it again wins.
 */
final class AdminSenderConfiguration implements SenderConfiguration {
    private static final String FILTER = "(service.pid=" + PID + ")";

    private final Supplier<ConfigurationAdmin> admin;

    AdminSenderConfiguration(Supplier<ConfigurationAdmin> admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, Object> current() throws IOException {
        Configuration configuration = find();
        Dictionary<String, Object> dictionary = configuration == null ? null : configuration.getProperties();
        if (dictionary == null) {
            return null;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            properties.put(key, dictionary.get(key));
        }
        return properties;
    }

    @Override
    public void update(Map<String, Object> properties) throws IOException {
        Configuration configuration = find();
        if (configuration == null) {
            throw new IOException("the sender's configuration went away");
        }
        configuration.update(new Hashtable<>(properties));
    }

    /** The existing configuration only: the console never creates one for a sender that has none. */
    private Configuration find() throws IOException {
        ConfigurationAdmin configurationAdmin = admin.get();
        if (configurationAdmin == null) {
            return null;
        }
        try {
            Configuration[] found = configurationAdmin.listConfigurations(FILTER);
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the filter is a constant: " + FILTER, e);
        }
    }
}
