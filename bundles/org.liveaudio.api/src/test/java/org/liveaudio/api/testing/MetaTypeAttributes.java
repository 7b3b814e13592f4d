package org.liveaudio.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The attributes of one {@code @ObjectClassDefinition} as bnd generated its MetaType XML: what users are shown.
 * Tests hold the settings' refusals against it, because {@code min} and {@code max} are not kept at run time.
 */
public final class MetaTypeAttributes {
    /**
     * One {@code AD} element.
     *
     * @param min as written, or {@code null}
     * @param max as written, or {@code null}
     * @param fallback the {@code default} with MetaType's backslash escapes (of spaces and commas) undone, or
     *     {@code null}
     * @param options the options' values, in order
     */
    public record Attribute(String id, String type, String min, String max, String fallback, List<String> options) {
    }

    private MetaTypeAttributes() {
    }

    /** The attributes of the OCD generated for {@code config}, in declaration order. */
    public static List<Attribute> of(Class<?> config) {
        String resource = "/OSGI-INF/metatype/" + config.getName() + ".xml";
        try (InputStream in = config.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + ": bnd generates it in process-classes");
            }
            NodeList ads = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("AD");
            List<Attribute> attributes = new ArrayList<>();
            for (int i = 0; i < ads.getLength(); i++) {
                Element ad = (Element) ads.item(i);
                NodeList optionNodes = ad.getElementsByTagName("Option");
                List<String> options = new ArrayList<>();
                for (int j = 0; j < optionNodes.getLength(); j++) {
                    options.add(((Element) optionNodes.item(j)).getAttribute("value"));
                }
                attributes.add(new Attribute(ad.getAttribute("id"), ad.getAttribute("type"), optional(ad, "min"),
                        optional(ad, "max"), unescaped(optional(ad, "default")), List.copyOf(options)));
            }
            return attributes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static String unescaped(String value) {
        return value == null ? null : value.replaceAll("\\\\(.)", "$1");
    }

    private static String optional(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }
}
