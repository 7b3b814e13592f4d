package org.liveaudio.web.page;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Says where the console is: one line on the console and in the log each time the HTTP server (Felix HTTP's
 * {@link HttpServiceRuntime}) comes up or moves to another address.
 */
@Component(service = {})
public final class ConsoleAddress {
    static final String ENDPOINT = "osgi.http.endpoint";

    @Reference(service = LoggerFactory.class)
    Logger log;

    private String shown = "";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "runtimeChanged", unbind = "runtimeRemoved")
    void runtimeAdded(HttpServiceRuntime runtime, Map<String, Object> properties) {
        runtimeChanged(runtime, properties);
    }

    void runtimeChanged(HttpServiceRuntime runtime, Map<String, Object> properties) {
        String endpoints = String.join(" ", endpoints(properties.get(ENDPOINT)));
        synchronized (this) {
            if (endpoints.isEmpty() || endpoints.equals(shown)) {
                return;
            }
            shown = endpoints;
        }
        System.out.println("Web console: " + endpoints);
        log.info("Web console at {}", endpoints);
    }

    void runtimeRemoved(HttpServiceRuntime runtime) {
        synchronized (this) {
            shown = "";
        }
    }

    /** The property may be one string, an array or a collection of them. */
    static List<String> endpoints(Object property) {
        if (property instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (property instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return property == null ? List.of() : List.of(property.toString());
    }
}
