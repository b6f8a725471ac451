package net.ztj.transport.portmap;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;

/** The JDK's StAX reader, set up for documents from the network: no DTDs, no external entities. */
final class UpnpXml {
    private static final XMLInputFactory FACTORY = factory();

    private UpnpXml() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static XMLStreamReader reader(byte[] document) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
    }

    /** Escapes text for an element's content. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
