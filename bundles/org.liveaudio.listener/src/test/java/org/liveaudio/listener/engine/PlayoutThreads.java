package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the playout tests find their playout thread. */
final class PlayoutThreads {
    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private PlayoutThreads() {
    }

    /** Waits until the playout thread of listener {@code listener} parks: frames filed after it arrive as it waits. */
    static void awaitParked(String listener) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals(PlayoutLoop.THREAD_PREFIX + listener)
                        && thread.getState() == Thread.State.TIMED_WAITING)) {
            assertTrue(System.nanoTime() < deadline, "the playout thread never parked");
            Thread.sleep(1);
        }
    }
}
