package org.liveaudio.common.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class ServiceChoiceTest {
    private final ServiceChoice<String> choice = new ServiceChoice<>();

    private void add(String service, String name, int ranking, long id) {
        choice.add(service, name, Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id));
    }

    @Test
    void theOldestServiceOfANameStaysChosenWhenAnotherComes() {
        add("old", "wav", 0, 1);
        add("new", "wav", 0, 2);

        assertEquals("old", choice.best("wav"));
    }

    @Test
    void aHigherRankingWinsWhateverItsAge() {
        add("old", "wav", 0, 1);
        add("ranked", "wav", 10, 3);
        add("lower", "wav", -5, 0);

        assertEquals("ranked", choice.best("WAV"), "names compare ignoring case");
    }

    @Test
    void theOrderOfBindingDoesNotMatterOnlyRankingAndAge() {
        add("new", "wav", 0, 2);
        add("old", "wav", 0, 1);

        assertEquals("old", choice.best("wav"));
    }

    @Test
    void removedServiceIsNoLongerChosen() {
        add("a", "wav", 0, 1);
        add("b", "null", 0, 2);

        choice.remove("a");

        assertNull(choice.best("wav"));
        assertEquals("null", choice.names());
    }

    @Test
    void otherNamesThatRecognizeSomethingAreListed() {
        add("L16 codec", "L16", 0, 1);
        add("opus codec", "opus", 0, 2);
        add("pcmu codec", "PCMU", 0, 3);

        assertEquals("opus", choice.recognizing("L16", service -> service.startsWith("opus")));
        assertEquals("", choice.recognizing("opus", service -> service.startsWith("opus")));
        assertEquals("L16, PCMU, opus", choice.names());
    }
}
