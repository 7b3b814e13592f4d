package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The loss table: for each codec (L16 in 5 ms frames, Opus in 10 ms frames without and with its in-band FEC) and
 * each FEC setting (off, and Reed-Solomon shapes), one sender playing the melody and one listener per loss model,
 * each behind a {@link LossyRelay} of its own: random loss of 1, 5, 10 and 20 %, and Gilbert-Elliott bursts of mean
 * length 4 at 5 %, which take source and repair packets alike. Writes {@code fec-loss.csv} and {@code fec-loss.md}
 * to {@code target/reports/} (the chart, {@code fec-loss.png}, is drawn after the tests by {@link FecCharts}). Runs
 * under {@code -Pbench}, or with {@value #SECONDS} set: each run lasts that many seconds; {@value #SETTINGS} picks
 * FEC settings by name, {@value #SEED} draws other losses. Asserted: every dropped packet is rebuilt or lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FecBenchIT extends StreamingTestSupport {
    static final String SECONDS = "liveaudio.bench.fecSeconds";
    /** The FEC settings to run, by their names in the table ({@code rs 7+14}), comma-separated; blank: all. */
    static final String SETTINGS = "liveaudio.bench.fecSettings";
    /** Added to every loss model's seed: 0 draws the table's losses, any other number other losses. */
    static final String SEED = "liveaudio.bench.fecSeed";
    private static final double BASE_DELAY_MILLIS = 32.5;
    private static final long SEED_OFFSET = Long.getLong(SEED, 0);
    private static final List<LossModel.Link> LOSSES = List.of(LossModel.random(0.01, 1 + SEED_OFFSET),
            LossModel.random(0.05, 5 + SEED_OFFSET), LossModel.random(0.10, 10 + SEED_OFFSET),
            LossModel.random(0.20, 20 + SEED_OFFSET), LossModel.gilbertElliott(0.05, 4, 4 + SEED_OFFSET));
    private static final List<Codec> CODECS = List.of(
            new Codec("L16 5 ms", 5, Map.of("codec", "L16", "payloadType", "96"), Map.of()),
            new Codec("Opus 10 ms", 10, Map.of("codec", "opus", "payloadType", "111"), Map.of("frameMillis", "10")),
            new Codec("Opus 10 ms + in-band FEC", 10, Map.of("codec", "opus", "payloadType", "111"),
                    Map.of("frameMillis", "10", "inbandFec", "true")));
    private static final List<Fec> FECS = List.of(new Fec("off", 0, 0, 1), new Fec("rs 6+3", 6, 3, 1),
            new Fec("rs 10+5", 10, 5, 1), new Fec("rs 10+6", 10, 6, 1), new Fec("rs 7+6", 7, 6, 1),
            new Fec("rs 7+14", 7, 14, 1));

    @Configuration
    public Option[] config() {
        return config("FecBenchIT");
    }

    @Test
    public void lossTable() throws Exception {
        double seconds = Double.parseDouble(System.getProperty(SECONDS, "0"));
        assumeTrue("the FEC loss table runs under -Pbench (" + SECONDS + " > 0)", seconds > 0);
        List<FecLossRow> rows = new ArrayList<>();
        List<String> chosen = Stream.of(System.getProperty(SETTINGS, "").split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList();
        List<String> names = FECS.stream().map(Fec::name).toList();
        List<String> unknown = chosen.stream().filter(name -> !names.contains(name)).toList();
        assertTrue(SETTINGS + " names " + unknown + ", which are not among " + names, unknown.isEmpty());
        List<Fec> fecs = FECS.stream().filter(fec -> chosen.isEmpty() || chosen.contains(fec.name())).toList();
        for (Codec codec : CODECS) {
            for (Fec fec : fecs) {
                rows.addAll(run(codec, fec, seconds));
                FecLossTable.write(targetDir().resolve("reports"), rows);
            }
        }
    }

    private List<FecLossRow> run(Codec codec, Fec fec, double seconds) throws Exception {
        Map<String, Object> senderSide = randomLoopbackEndpoint();
        int port = Integer.parseInt(senderSide.get("port").toString());
        double addedDelay = fec.span() * codec.frameMillis();
        int bufferMillis = (int) Math.ceil(BASE_DELAY_MILLIS + addedDelay);
        List<LossyRelay> relays = new ArrayList<>();
        List<ListenerControl> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < LOSSES.size(); i++) {
                String group = "239.253." + ThreadLocalRandom.current().nextInt(1, 255) + "." + (i + 1);
                relays.add(new LossyRelay(senderSide.get("group").toString(), group, port, LossModel.NONE));
                String name = "fec-bench-" + i;
                addListener(name, merge(senderSide, codec.listener(), Map.of("group", group, "sink", "null",
                        "bufferMillis", String.valueOf(bufferMillis))));
                listeners.add(awaitListener(name));
            }
            configureSender(merge(senderSide, codec.listener(), codec.sender(), fec.settings()));
            awaitSender();
            waitUntil("every listener plays", Duration.ofSeconds(30),
                    () -> listeners.stream().allMatch(listener -> listener.stats().framesPlayed() > 100));
            List<ListenerStats> before = listeners.stream().map(ListenerControl::stats).toList();
            for (int i = 0; i < LOSSES.size(); i++) {
                relays.get(i).lose(LOSSES.get(i));
            }
            Thread.sleep(Math.round(seconds * 1000));
            relays.forEach(relay -> relay.lose(LossModel.NONE));
            for (int i = 0; i < LOSSES.size(); i++) {
                ListenerStats a = before.get(i);
                ListenerControl listener = listeners.get(i);
                LossyRelay relay = relays.get(i);
                // A gap counts once its frame's turn has come, which a busy machine may put off.
                waitUntil("listener " + i + " has played past every packet its relay dropped", Duration.ofSeconds(10),
                        () -> delta(a, listener.stats(), ListenerStats.FEC_RECOVERED)
                                + delta(a, listener.stats(), ListenerStats.LOST) >= relay.sourceDropped());
            }
            double overhead = overheadPercent(relays.get(0));
            List<FecLossRow> rows = new ArrayList<>();
            for (int i = 0; i < LOSSES.size(); i++) {
                ListenerStats a = before.get(i);
                ListenerStats b = listeners.get(i).stats();
                FecLossRow row = new FecLossRow(codec.name(), fec.name(), addedDelay, overhead,
                        LOSSES.get(i).describe(), relays.get(i).sourceDropped(),
                        delta(a, b, ListenerStats.FEC_RECOVERED), delta(a, b, ListenerStats.CODEC_FEC_RECOVERED),
                        delta(a, b, ListenerStats.LOST), delta(a, b, ListenerStats.CONCEALED),
                        delta(a, b, ListenerStats.LATE), delta(a, b, ListenerStats.PLAYED));
                System.out.println("FecBenchIT: " + row);
                rows.add(row);
                // Every packet the relay dropped was rebuilt or counted lost: the counts add up.
                assertEquals(row.toString(), row.dropped(), row.fecRecovered() + row.lost());
            }
            return rows;
        } finally {
            relays.forEach(LossyRelay::close);
            deleteConfigurationsAndReleaseServices();
        }
    }

    /** Repair bytes against source bytes (UDP payloads: RTP headers and all) that reached a relay in the run. */
    private static double overheadPercent(LossyRelay relay) {
        return relay.sourceBytes() == 0 ? 0 : 100.0 * relay.repairBytes() / relay.sourceBytes();
    }

    private static long delta(ListenerStats before, ListenerStats after, String counter) {
        return after.count(counter) - before.count(counter);
    }

    private record Codec(String name, int frameMillis, Map<String, Object> listener, Map<String, Object> sender) {
    }

    private record Fec(String name, int source, int repair, int depth) {
        int span() {
            return source == 0 ? 0 : source * depth - 1;
        }

        Map<String, Object> settings() {
            if (source == 0) {
                return Map.of("fec", "off");
            }
            return Map.of("fec", "rs", "fecSourcePackets", String.valueOf(source), "fecRepairPackets",
                    String.valueOf(repair), "fecDepth", String.valueOf(depth));
        }
    }
}
