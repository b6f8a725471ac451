package net.ztj.transport.portmap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SOAP actions of the IGD's WANIPConnection service (UPnP IGD 1/2): the request envelope, and the decoding of the
 * answer into its output arguments or a UPnP error code.
 */
public final class SoapMessages {
    /** Error 718 ConflictInMappingEntry: the external port is mapped to another client. */
    public static final int CONFLICT_IN_MAPPING_ENTRY = 718;
    /** Error 725 OnlyPermanentLeasesSupported: the IGD wants lease duration 0. */
    public static final int ONLY_PERMANENT_LEASES = 725;
    /** Error 714 NoSuchEntryInArray: no such mapping. */
    public static final int NO_SUCH_ENTRY = 714;
    /** Longest answer read. */
    public static final int MAX_LENGTH = 64 * 1024;

    private SoapMessages() {}

    /** A decoded answer. */
    public sealed interface Result permits Ok, Fault {}

    /** The action's output arguments, by name. */
    public record Ok(Map<String, String> values) implements Result {}

    /** A UPnP error ({@code UPnPError/errorCode}, -1 when the fault carries none). */
    public record Fault(int errorCode, String description) implements Result {}

    /** The envelope of {@code action} with its arguments in order. */
    public static byte[] request(String serviceType, String action, Map<String, String> arguments) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\r\n")
                .append("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" ")
                .append("s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>")
                .append("<u:").append(action).append(" xmlns:u=\"").append(UpnpXml.escape(serviceType)).append("\">");
        arguments.forEach((name, value) ->
                s.append('<').append(name).append('>').append(UpnpXml.escape(value)).append("</").append(name).append('>'));
        s.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The SOAPAction header's value. */
    public static String soapAction(String serviceType, String action) {
        return "\"" + serviceType + "#" + action + "\"";
    }

    /**
     * Decodes an answer's body: the children of the Body's first element, or its Fault. Empty when the body is not a
     * SOAP envelope.
     */
    public static Optional<Result> decode(byte[] body) {
        if (body.length > MAX_LENGTH) return Optional.empty();
        try {
            XMLStreamReader r = UpnpXml.reader(body);
            int depth = 0, bodyDepth = -1;
            boolean fault = false;
            Map<String, String> values = new LinkedHashMap<>();
            int errorCode = -1;
            String description = "";
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (bodyDepth < 0) {
                        if (name.equals("Body")) bodyDepth = depth;
                    } else if (depth == bodyDepth + 1) {
                        fault = name.equals("Fault");
                    } else if (fault && name.equals("errorCode")) {
                        depth--;
                        errorCode = parseCode(r.getElementText());
                    } else if (fault && name.equals("errorDescription")) {
                        depth--;
                        description = r.getElementText().trim();
                    } else if (!fault && depth == bodyDepth + 2) {
                        depth--;
                        values.put(name, r.getElementText().trim());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (bodyDepth < 0) return Optional.empty();
            return Optional.of(fault ? new Fault(errorCode, description) : new Ok(values));
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
    }

    private static int parseCode(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
