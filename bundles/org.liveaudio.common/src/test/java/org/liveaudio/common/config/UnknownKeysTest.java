package org.liveaudio.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {
    @interface Config {
        String group() default "";

        String interface$() default "lo";

        int frame_millis() default 5;
    }

    private static final Set<String> KNOWN = Set.of("bitrate", "group", "port", "payloadType");

    @Test
    void aConfigsKeysFollowTheDsNameMapping() {
        assertEquals(Set.of("group", "interface", "frame.millis"), UnknownKeys.declaredBy(Config.class));
    }

    @Test
    void aTypoIsNamedWithTheKeyItMeant() {
        assertEquals(List.of("unknown key bitrat (did you mean bitrate?); it is ignored"),
                UnknownKeys.describe(Map.of("bitrat", "96", "group", "239.255.0.1"), KNOWN));
    }

    @Test
    void aKeyLikeNoneIsNamedAlone() {
        assertEquals(List.of("unknown key volume; it is ignored"),
                UnknownKeys.describe(Map.of("volume", "11"), KNOWN));
    }

    @Test
    void knownAndFrameworkKeysPassQuietly() {
        assertEquals(List.of(), UnknownKeys.describe(Map.of("port", "5004", "service.pid", "x",
                "felix.fileinstall.filename", "file:/x.cfg", "PayloadType", "96"),
                Set.of("port", "PayloadType")));
    }

    @Test
    void aShortKeyIsNoTypoOfAnotherShortOne() {
        assertEquals(List.of("unknown key ttl; it is ignored"), UnknownKeys.describe(Map.of("ttl", "1"),
                Set.of("file", "sink")));
    }

    @Test
    void theFrameworksOwnKeysPassQuietly() {
        assertEquals(List.of(), UnknownKeys.describe(Map.of("osgi.ds.satisfying.condition.target", "(x=y)",
                "component.id", 3L, "service.factoryPid", "p"), KNOWN));
    }

    @Test
    void caseAloneIsATypo() {
        assertEquals(List.of("unknown key payloadtype (did you mean payloadType?); it is ignored"),
                UnknownKeys.describe(Map.of("payloadtype", "96"), KNOWN));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, UnknownKeys.distance("port", "port"));
        assertEquals(1, UnknownKeys.distance("prt", "port"));
        assertEquals(1, UnknownKeys.distance("porte", "port"));
        assertEquals(1, UnknownKeys.distance("pory", "port"));
        assertEquals(4, UnknownKeys.distance("", "port"));
    }
}
