package org.liveaudio.itests;

import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;

/**
 * Pax Exam for tests that relay to a real Icecast server and check what it serves with ffmpeg: where either is
 * missing, every test of the class is skipped with the reason (see {@link FfmpegPaxExam} for why not an assumption).
 */
public class IcecastPaxExam extends FfmpegPaxExam {
    public IcecastPaxExam(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    public void run(RunNotifier notifier) {
        String unavailable = IcecastServer.unavailable();
        if (unavailable == null) {
            super.run(notifier);
        } else {
            skipAll(notifier, unavailable);
        }
    }
}
