package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What bnd generated from the annotations, as SCR will read it: the wiring a hot swap depends on. */
class ComponentDescriptionTest {
    @Test
    void theBroadcasterStartsByItselfOnItsConfigurationAndRebindsEveryStreamServiceDynamically() throws Exception {
        Element component = component("org.liveaudio.control.sender.Broadcaster");

        assertEquals("true", component.getAttribute("immediate"));
        assertEquals("require", component.getAttribute("configuration-policy"));
        assertEquals("org.liveaudio.sender", component.getAttribute("configuration-pid"));
        assertEquals(List.of("Codec 0..n dynamic greedy", "Source 0..n dynamic greedy", "Tap 0..n dynamic greedy",
                "Transport 0..1 dynamic greedy", "log 1..1 static reluctant"), references(component));
    }

    @Test
    void theCommandsAndTheStatsPrinterFollowTheSenderDynamically() throws Exception {
        assertEquals(List.of("control 0..1 dynamic greedy", "taps 0..n dynamic greedy"),
                references(component("org.liveaudio.control.shell.StreamCommands")));
        Element printer = component("org.liveaudio.control.stats.StatsPrinter");
        assertEquals("org.liveaudio.stats", printer.getAttribute("configuration-pid"));
        assertEquals(List.of("listeners 0..n dynamic greedy", "log 1..1 static reluctant",
                "stream 0..1 dynamic greedy"), references(printer));
    }

    @Test
    void theRelayRunsOnlyWhenConfiguredAndFollowsTheOpusCodec() throws Exception {
        Element relay = component("org.liveaudio.control.relay.IcecastRelay");

        assertEquals("require", relay.getAttribute("configuration-policy"));
        assertEquals("org.liveaudio.relay", relay.getAttribute("configuration-pid"));
        assertEquals(List.of("log 1..1 static reluctant", "opus 0..1 dynamic greedy"), references(relay));
    }

    @Test
    void theBundleExportsNothing() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            Manifest manifest = new Manifest(in);
            assertEquals(null, manifest.getMainAttributes().getValue("Export-Package"));
            assertNotNull(manifest.getMainAttributes().getValue("Service-Component"));
        }
    }

    private Element component(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/" + name + ".xml")) {
            assertNotNull(in, name);
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            return document.getDocumentElement();
        }
    }

    private static List<String> references(Element component) {
        NodeList references = component.getElementsByTagName("reference");
        return IntStream.range(0, references.getLength()).mapToObj(i -> (Element) references.item(i))
                .map(reference -> reference.getAttribute("name") + " " + attribute(reference, "cardinality", "1..1")
                        + " " + attribute(reference, "policy", "static") + " "
                        + attribute(reference, "policy-option", "reluctant"))
                .sorted().collect(Collectors.toList());
    }

    private static String attribute(Element element, String name, String fallback) {
        String value = element.getAttribute(name);
        return value.isEmpty() ? fallback : value;
    }
}
