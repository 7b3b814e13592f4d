package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.testing.FakeL16Codec;
import org.osgi.framework.Constants;

/** Which of the bound services the stream uses: the framework's order, highest ranking, then oldest. */
class BoundServicesTest {
    private final BoundServices services = new BoundServices();
    private final AudioCodec older = new FakeL16Codec();
    private final AudioCodec newer = new FakeL16Codec();

    @Test
    void ofTwoCodecsOfOneNameTheHigherRankedServesWhicheverCameFirst() {
        services.addCodec("L16", older, properties(0, 1));
        services.addCodec("L16", newer, properties(10, 2));
        assertSame(newer, services.codec("L16"));

        BoundServices reversed = new BoundServices();
        reversed.addCodec("L16", newer, properties(10, 2));
        reversed.addCodec("L16", older, properties(0, 1));
        assertSame(newer, reversed.codec("L16"));
    }

    @Test
    void atEqualRankingTheOlderServiceServesSoThatASecondOneNeverDisplacesIt() {
        services.addCodec("L16", older, properties(5, 3));
        services.addCodec("L16", newer, properties(5, 7));
        assertSame(older, services.codec("L16"));

        BoundServices reversed = new BoundServices();
        reversed.addCodec("L16", newer, properties(5, 7));
        reversed.addCodec("L16", older, properties(5, 3));
        assertSame(older, reversed.codec("L16"));
    }

    @Test
    void aServiceWithoutRankingRanksAsZero() {
        services.addCodec("L16", older, Map.of(Constants.SERVICE_ID, 9L));
        services.addCodec("L16", newer, properties(-1, 2));

        assertSame(older, services.codec("L16"));
    }

    @Test
    void ofTwoWithoutRankingOrIdTheFirstBoundServes() {
        services.addCodec("L16", older, Map.of());
        services.addCodec("L16", newer, Map.of());

        assertSame(older, services.codec("L16"));
    }

    @Test
    void removingOneOfTwoCodecsOfANameLeavesTheOther() {
        services.addCodec("L16", older, properties(0, 1));
        services.addCodec("L16", newer, properties(0, 2));

        services.removeCodec(older);

        assertSame(newer, services.codec("L16"));
        services.removeCodec(newer);
        assertNull(services.codec("L16"));
    }

    @Test
    void namesCompareIgnoringCase() {
        services.addCodec("L16", older, properties(0, 1));

        assertSame(older, services.codec("l16"));
        assertNull(services.codec("opus"));
    }

    @Test
    void theNamesBoundAreListedSortedForMessages() {
        assertEquals("none", services.sourceTypes());
        assertEquals("none", services.codecNames());

        services.addSource("tone", new FakeSource("tone"), Map.of());
        services.addSource("melody", new FakeSource("melody"), Map.of());
        services.addCodec("L16", older, Map.of());

        assertEquals("melody, tone", services.sourceTypes());
        assertEquals("L16", services.codecNames());
    }

    @Test
    void aTransportThatIsNotTheOneInUseLeavesWithoutTakingItAlong() {
        FakeTransport first = new FakeTransport();
        FakeTransport better = new FakeTransport();
        services.setTransport(first);
        services.setTransport(better);

        services.removeTransport(first);
        assertSame(better, services.transport());
        services.removeTransport(better);
        assertNull(services.transport());
    }

    private static Map<String, Object> properties(int ranking, long id) {
        return Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
    }
}
