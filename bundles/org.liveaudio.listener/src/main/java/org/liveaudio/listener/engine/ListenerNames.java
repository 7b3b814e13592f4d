package org.liveaudio.listener.engine;

import java.util.Collection;
import org.liveaudio.api.stream.ListenerControl;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** Which listener, if any, has a name already: the running listeners are the ListenerControl services. */
final class ListenerNames {
    /** Service property: the configuration file a listener came from, to name it in a refusal. */
    static final String ORIGIN = "liveaudio.listener.origin";

    private ListenerNames() {
    }

    /**
     * @param own this listener's registration, which does not count, or null
     * @return where the other listener named {@code name} came from, or null when none is
     */
    static String holderOf(BundleContext context, String name, ServiceRegistration<ListenerControl> own) {
        Collection<ServiceReference<ListenerControl>> named;
        try {
            named = context.getServiceReferences(ListenerControl.class,
                    "(" + ListenerControl.NAME + "=" + escaped(name) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("listener name " + name, e);
        }
        for (ServiceReference<ListenerControl> reference : named) {
            if (own == null || !reference.equals(own.getReference())) {
                Object origin = reference.getProperty(ORIGIN);
                return origin == null ? "another bundle" : origin.toString();
            }
        }
        return null;
    }

    /** A name as a filter value: the characters a filter gives meaning to are escaped. */
    static String escaped(String name) {
        return name.replaceAll("([\\\\*()])", "\\\\$1");
    }
}
