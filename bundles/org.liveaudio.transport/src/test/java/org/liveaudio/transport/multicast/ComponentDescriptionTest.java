package org.liveaudio.transport.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What bnd generated from the annotations, as SCR will read it. */
class ComponentDescriptionTest {
    @Test
    void theTransportIsImmediateSoThatADepartingListenerReceivesThroughItUntilItsSuccessorTakesOver() throws Exception {
        Path description = Path.of("target/classes/OSGI-INF/" + MulticastTransport.class.getName() + ".xml");
        Element component = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(description.toFile())
                .getDocumentElement();

        assertEquals("true", component.getAttribute("immediate"), "a delayed component is disposed with its last "
                + "user, and the receiver of a listener whose bundle is updated closed with it");
    }
}
