package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class ServiceChoiceTest {
    private final ServiceChoice<String> choice = new ServiceChoice<>("type");

    private void add(String service, String type, int ranking, long id) {
        choice.add(service, Map.of("type", type, Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id));
    }

    @Test
    void highestRankingWinsThenTheOldestService() {
        add("old", "wav", 0, 1);
        add("new", "wav", 0, 2);
        assertEquals("old", choice.best("wav"));

        add("ranked", "wav", 10, 3);
        assertEquals("ranked", choice.best("WAV"), "names compare ignoring case");
    }

    @Test
    void removedServiceIsNoLongerChosen() {
        add("a", "wav", 0, 1);
        add("b", "null", 0, 2);

        choice.remove("a");

        assertNull(choice.best("wav"));
        assertEquals("null", choice.names());
    }
}
