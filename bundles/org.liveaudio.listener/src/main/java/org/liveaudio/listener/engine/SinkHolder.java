package org.liveaudio.listener.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.liveaudio.api.stream.Succession.OpenSink;
import org.liveaudio.common.service.ServiceChoice;
import org.osgi.service.log.Logger;

/**
 * The sink the listener's settings name, from the best of that type bound, opened into the output stage. A
 * speaker that cannot open (no sound card) falls back to recording the WAV file of the settings, said in one line;
 * a sink that fails otherwise is tried again when the sink or the settings change. A file the listener writes (a
 * WAV recording, a timing log) that it reopens (a sink swapped, the listener's own bundle come back) is appended
 * to, not started anew. A sink that is unregistered leaves its output in use until another sink of the type comes
 * ({@link Departed}), and a listener that replaces a departing one plays on into the output that one leaves it.
 */
final class SinkHolder implements Dependency {
    /** Longer than a departing predecessor plays on once released. */
    static final long PREDECESSOR_WAIT_NANOS = PlayoutLoop.DRAIN_LIMIT_NANOS + 50_000_000L;

    private final ServiceChoice<AudioSink> sinks;
    private final OutputStage output;
    private final Logger log;
    private final Departed departed;

    private AudioSink inUse;
    private Key inUseKey;
    private Attempt failed;
    private boolean missingLogged;
    private boolean speakerFailed;
    private Key fallback;
    private Key announced;
    private Path recordedFile;
    private AudioFormat recordedFormat;
    private volatile String status = "none";
    /** Done once a departing predecessor has played out, with the sink output it leaves open, if any. */
    private CompletableFuture<Optional<OpenSink>> predecessor;

    private record Key(String type, Path file, AudioFormat format) {
    }

    /** An attempt to open a sink (compared by identity) for a key. */
    private record Attempt(AudioSink sink, Key key) {
    }

    /** @param reconcileAfter has this holder reconciled again once the given nanoseconds have passed */
    SinkHolder(ServiceChoice<AudioSink> sinks, OutputStage output, Logger log, LongConsumer reconcileAfter) {
        this.sinks = sinks;
        this.output = output;
        this.log = log;
        this.departed = new Departed(reconcileAfter);
    }

    /** The first recording continues {@code recording} instead of starting anew. */
    void continueRecording(RecordingMarkers.Recording recording) {
        recordedFile = recording.file();
        recordedFormat = recording.format();
    }

    /**
     * Opens no sink until {@code playedOut} is done, the predecessor having played what it held into its sink, and
     * then plays on into the output it leaves if that is the one wanted: the same device goes on without being
     * reopened, the same file without a gap. The caller reconciles again once it is done; should the predecessor
     * not be done within {@link #PREDECESSOR_WAIT_NANOS}, it is taken to leave nothing.
     */
    void afterPredecessor(CompletableFuture<Optional<OpenSink>> playedOut) {
        predecessor = playedOut.completeOnTimeout(Optional.empty(), PREDECESSOR_WAIT_NANOS, TimeUnit.NANOSECONDS);
    }

    /** The file (WAV recording or timing log) written in this activation, if any. */
    Optional<RecordingMarkers.Recording> recording() {
        return recordedFile == null ? Optional.empty()
                : Optional.of(new RecordingMarkers.Recording(recordedFile, recordedFormat));
    }

    /** A new sink or file in the settings may well be a speaker that works: try it again. */
    void settingsChanged(ListenerSettings old, ListenerSettings current) {
        if (!old.sink().equals(current.sink()) || !old.file().equals(current.file())) {
            speakerFailed = false;
        }
    }

    @Override
    public void reconcile(ListenerSettings settings) {
        String type = speakerFailed ? ListenerSettings.WAV : settings.sink();
        AudioSink wanted = sinks.best(type);
        Key key = new Key(type, settings.file(), settings.format());
        if (predecessor != null) {
            if (!predecessor.isDone()) {
                status = "waiting for the listener it replaces to play out";
                return;
            }
            Optional<OpenSink> left = predecessor.join();
            predecessor = null;
            left.ifPresent(open -> playOnOrClose(settings, open, wanted, key));
        }
        if (wanted != null && wanted == inUse && key.equals(inUseKey)) {
            return;
        }
        if (wanted == null && inUse != null && key.equals(inUseKey) && departed.stillServes()) {
            return;
        }
        departed.clear();
        close();
        if (wanted == null) {
            status = "waiting for a " + type + " sink";
            if (!missingLogged) {
                missingLogged = true;
                log.info("listener {}: no {} sink registered; playing once one is", settings.name(), type);
            }
            return;
        }
        missingLogged = false;
        Attempt attempt = new Attempt(wanted, key);
        if (attempt.equals(failed)) {
            return;
        }
        boolean append = settings.file().equals(recordedFile) && settings.format().equals(recordedFormat);
        AudioOutput opened;
        try {
            opened = wanted.open(new SinkSettings(settings.file(), append), settings.format());
        } catch (IOException | RuntimeException e) {
            if (ListenerSettings.SPEAKER.equals(type)) {
                speakerFailed = true;
                fallback = new Key(ListenerSettings.WAV, settings.file(), settings.format());
                log.warn("listener {}: speaker unavailable ({}); recording to {} instead", settings.name(),
                        Messages.of(e), settings.file());
                reconcile(settings);
                return;
            }
            failed = attempt;
            status = type + " sink failed: " + Messages.of(e);
            log.warn("listener {}: cannot open the {} sink ({}); trying again when the sink or the configuration "
                    + "changes", settings.name(), type, Messages.of(e));
            return;
        }
        failed = null;
        output.attach(opened);
        inUse = wanted;
        inUseKey = key;
        if (writesFile(type)) {
            recordedFile = settings.file();
            recordedFormat = settings.format();
        }
        announce(settings, key, append, opened);
    }

    /** Plays on into the output the predecessor left when it is the one wanted; closes it otherwise. */
    private void playOnOrClose(ListenerSettings settings, OpenSink left, AudioSink wanted, Key key) {
        if (wanted == null || !key.equals(new Key(left.type(), left.file(), left.format()))) {
            closeOutput(left.output());
            return;
        }
        output.attach(left.output());
        inUse = wanted;
        inUseKey = key;
        if (writesFile(key.type())) {
            recordedFile = key.file();
            recordedFormat = key.format();
        }
        announced = key;
        log.info("listener {}: plays on into {}", settings.name(), left.output().description());
    }

    /**
     * The output the listener plays into, described for a successor to play on into once this listener has played
     * out what it holds ({@link org.liveaudio.api.stream.Succession}); it stays attached meanwhile.
     */
    Optional<OpenSink> leaving() {
        AudioOutput open = output.attached();
        return open == null ? Optional.empty()
                : Optional.of(new OpenSink(inUseKey.type(), inUseKey.file(), inUseKey.format(), open));
    }

    private static boolean writesFile(String type) {
        return ListenerSettings.WAV.equals(type) || ListenerSettings.TIMING.equals(type);
    }

    /** One line for the sink in use; none when the speaker's fallback line already said it. */
    private void announce(ListenerSettings settings, Key key, boolean append, AudioOutput opened) {
        boolean wav = ListenerSettings.WAV.equals(key.type());
        if (key.equals(announced)) {
            log.info("listener {}: {} sink reopened{}", settings.name(), key.type(),
                    writesFile(key.type()) && append ? ", appending to " + settings.file() : "");
        } else if (!key.equals(fallback)) {
            log.info("listener {}: {}", settings.name(), wav ? "recording to " + settings.file()
                    + (append ? " (appending)" : "") : "playing to " + opened.description());
        }
        announced = key;
    }

    @Override
    public void close() {
        inUse = null;
        inUseKey = null;
        AudioOutput closing = output.detach();
        if (closing != null) {
            closeOutput(closing);
        }
    }

    /** Closes an output no longer played into; a failure is warned of. */
    void closeOutput(AudioOutput closing) {
        try {
            closing.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing {} failed: {}", closing.description(), Messages.of(e));
        }
    }

    /** The sink's own description, or why there is none; from any thread. */
    String status() {
        String description = output.description();
        return description == null ? status : description;
    }

    /** The listener stopped: nothing plays any more. */
    void stopped() {
        status = "stopped";
    }
}
