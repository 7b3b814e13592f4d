package org.liveaudio.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Runs commands through the Gogo command processor as a user types them at the prompt. */
final class GogoShell {
    private final CommandProcessor processor;

    GogoShell(CommandProcessor processor) {
        this.processor = processor;
    }

    /** What the command printed and the value it returned, as the shell shows them. */
    String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            String printed = out.toString(StandardCharsets.UTF_8);
            return result == null ? printed : printed + session.format(result, Converter.INSPECT);
        }
    }
}
