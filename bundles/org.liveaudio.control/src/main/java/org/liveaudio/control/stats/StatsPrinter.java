package org.liveaudio.control.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Prints one line of sender and listener statistics to {@code System.out} every interval, for a demo or a
 * console left running; whatever of the two runs in this framework.
 */
@Component(service = {}, configurationPid = StatsPrinter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StatsPrinter.Config.class)
public final class StatsPrinter {
    public static final String PID = "org.liveaudio.stats";
    static final String KEY_INTERVAL = "intervalSeconds";
    // The range that the Config's @AttributeDefinition(min, max) and the check both use.
    static final int MIN_INTERVAL_SECONDS = 1;
    static final int MAX_INTERVAL_SECONDS = 3600;
    static final String THREAD_NAME = "liveaudio-stats-printer";

    @ObjectClassDefinition(name = "Live Audio Streamer stats printer",
            description = "Prints a line of stream and listener statistics to the console at an interval.")
    @interface Config {
        @AttributeDefinition(min = "" + MIN_INTERVAL_SECONDS, max = "" + MAX_INTERVAL_SECONDS,
                description = "Seconds between two lines.")
        int intervalSeconds() default 5;
    }

    private static final Config DEFAULTS = SettingsReader.defaults(Config.class);

    @Reference(service = LoggerFactory.class)
    Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile StreamControl stream;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<ListenerControl> listeners = List.of();

    private ScheduledExecutorService executor;
    private ScheduledFuture<?> printing;
    private int intervalSeconds;

    @Activate
    void activate(Map<String, Object> properties) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        configure(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }

    /** The line printed now. */
    String line() {
        StreamControl sender = stream;
        StreamStatus status = null;
        SenderStats stats = null;
        int heard = 0;
        if (sender != null) {
            try {
                status = sender.status();
                stats = sender.stats();
                heard = sender.listeners().size();
            } catch (RuntimeException e) {
                status = null; // the sender went away in between; print the rest
            }
        }
        List<ListenerStats> listenerStats = new ArrayList<>();
        for (ListenerControl listener : listeners) {
            try {
                listenerStats.add(listener.stats());
            } catch (RuntimeException e) {
                // the listener went away in between; print the rest
            }
        }
        listenerStats.sort(Comparator.comparing(ListenerStats::name));
        return StatsLine.format(status, stats, heard, listenerStats);
    }

    private synchronized void configure(Map<String, Object> properties) {
        SettingsReader reader = new SettingsReader(properties);
        try {
            int seconds = reader.integer(KEY_INTERVAL, DEFAULTS.intervalSeconds(), MIN_INTERVAL_SECONDS,
                    MAX_INTERVAL_SECONDS);
            if (seconds != intervalSeconds) {
                if (printing != null) {
                    printing.cancel(false);
                }
                intervalSeconds = seconds;
                printing = executor.scheduleAtFixedRate(this::print, seconds, seconds, TimeUnit.SECONDS);
            }
        } catch (InvalidSettingException e) {
            log.warn("{}: {}; keeping the last good configuration", reader.origin(), e.getMessage());
        }
    }

    private void print() {
        try {
            System.out.println(line());
        } catch (RuntimeException e) {
            // A failing line must not cancel the schedule, which one escaping exception would.
            log.warn("Cannot print the stats line: {}", e.toString());
        }
    }
}
