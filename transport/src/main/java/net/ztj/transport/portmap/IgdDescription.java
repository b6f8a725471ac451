package net.ztj.transport.portmap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a gateway's device description (UPnP Device Architecture §2) for the service that maps ports: a
 * WANIPConnection (version 2 preferred over 1) or else a WANPPPConnection, and its control URL resolved against
 * URLBase or the description's own location.
 */
public final class IgdDescription {
    static final String WAN_IP = "urn:schemas-upnp-org:service:WANIPConnection:";
    static final String WAN_PPP = "urn:schemas-upnp-org:service:WANPPPConnection:";
    /** Longest description read; miniupnpd's is about 3 KB. */
    public static final int MAX_LENGTH = 256 * 1024;

    private IgdDescription() {}

    /** The service to send SOAP actions to. */
    public record ControlPoint(String serviceType, URI controlUrl) {}

    /** The best port-mapping service the description offers, or empty if none (or the document is not usable). */
    public static Optional<ControlPoint> parse(byte[] document, URI location) {
        if (document.length > MAX_LENGTH) return Optional.empty();
        List<String[]> services = new ArrayList<>(); // {serviceType, controlURL}
        String urlBase = null;
        try {
            XMLStreamReader r = UpnpXml.reader(document);
            String type = null, control = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "service" -> { type = null; control = null; }
                        case "serviceType" -> type = r.getElementText().trim();
                        case "controlURL" -> control = r.getElementText().trim();
                        case "URLBase" -> urlBase = r.getElementText().trim();
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("service")) {
                    if (type != null && control != null) services.add(new String[] {type, control});
                }
            }
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
        URI base;
        try {
            base = urlBase == null || urlBase.isEmpty() ? location : location.resolve(urlBase);
        } catch (IllegalArgumentException e) {
            base = location;
        }
        URI resolvedBase = base;
        return services.stream()
                .filter(s -> rank(s[0]) > 0)
                .max(Comparator.comparingInt(s -> rank(s[0])))
                .flatMap(s -> controlPoint(s[0], s[1], resolvedBase));
    }

    private static Optional<ControlPoint> controlPoint(String type, String control, URI base) {
        try {
            URI url = base.resolve(control);
            if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) return Optional.empty();
            return Optional.of(new ControlPoint(type, url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** WANIPConnection:2 > WANIPConnection:1 > WANPPPConnection:1; 0 for other services. */
    private static int rank(String serviceType) {
        if (serviceType.equals(WAN_IP + "2")) return 3;
        if (serviceType.equals(WAN_IP + "1")) return 2;
        if (serviceType.equals(WAN_PPP + "1")) return 1;
        return 0;
    }
}
