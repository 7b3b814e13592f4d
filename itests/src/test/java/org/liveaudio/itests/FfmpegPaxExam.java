package org.liveaudio.itests;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.AssumptionViolatedException;
import org.junit.runner.Description;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam for tests that need ffmpeg with libopus: where it is missing, every test of the class is skipped with
 * the reason before a container starts. An assumption checked in the test class would not do: Pax Exam runs
 * {@code @Before} and {@code @BeforeClass} inside the container and reports a test whose assumption fails there
 * as passed.
 */
public class FfmpegPaxExam extends PaxExam {
    private final Class<?> testClass;

    public FfmpegPaxExam(Class<?> testClass) throws InitializationError {
        super(testClass);
        this.testClass = testClass;
    }

    @Override
    public void run(RunNotifier notifier) {
        String unavailable;
        try {
            unavailable = Ffmpeg.unavailable(Files.createDirectories(StreamingTestSupport.targetDir()));
        } catch (IOException e) {
            unavailable = "cannot check for ffmpeg: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (unavailable == null) {
            super.run(notifier);
            return;
        }
        skipAll(notifier, unavailable);
    }

    /** Reports every test of the class as skipped for {@code unavailable}, without starting a container. */
    protected void skipAll(RunNotifier notifier, String unavailable) {
        System.out.println(testClass.getSimpleName() + ": skipped: " + unavailable);
        for (Description test : getDescription().getChildren()) {
            notifier.fireTestStarted(test);
            notifier.fireTestAssumptionFailed(new Failure(test,
                    new AssumptionViolatedException("skipped: " + unavailable)));
            notifier.fireTestFinished(test);
        }
    }
}
