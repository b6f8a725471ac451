package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written HTTP of the UPnP client: the requests it sends and the answers it takes or refuses. */
class UpnpHttpTest {
    private static UpnpHttp.Answer read(String answer, int max) throws IOException {
        return UpnpHttp.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1)), max);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGetNamesTheHostAndPathAndAsksForTheConnectionToClose() {
        assertEquals("GET /rootDesc.xml HTTP/1.1\r\nHost: 10.82.0.1:5000\r\nConnection: close\r\n\r\n",
                text(UpnpHttp.request(URI.create("http://10.82.0.1:5000/rootDesc.xml"), null, null)));
        assertEquals("GET /?a=b HTTP/1.1\r\nHost: [fd00::1]\r\nConnection: close\r\n\r\n",
                text(UpnpHttp.request(URI.create("http://[fd00::1]?a=b"), null, null)));
    }

    @Test
    void aSoapPostCarriesItsActionAndLength() {
        byte[] body = "<x/>".getBytes(StandardCharsets.UTF_8);
        assertEquals("POST /ctl/IPConn HTTP/1.1\r\nHost: 10.82.0.1:5000\r\nConnection: close\r\n"
                        + "Content-Type: text/xml; charset=\"utf-8\"\r\nSOAPAction: \"urn:x#AddPortMapping\"\r\n"
                        + "Content-Length: 4\r\n\r\n<x/>",
                text(UpnpHttp.request(URI.create("http://10.82.0.1:5000/ctl/IPConn"), "\"urn:x#AddPortMapping\"", body)));
    }

    @Test
    void readsABodyByLengthChunkedOrToTheEnd() throws IOException {
        UpnpHttp.Answer a = read("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcTRAILING", 100);
        assertEquals(200, a.status());
        assertEquals("abc", text(a.body()));
        a = read("HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: Chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX: y\r\n\r\n", 100);
        assertEquals(500, a.status());
        assertEquals("abcde", text(a.body()));
        a = read("HTTP/1.0 200\nServer: old\n\nall of it", 100);
        assertEquals(200, a.status());
        assertEquals("all of it", text(a.body()));
        assertArrayEquals(new byte[0], read("HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n", 100).body());
    }

    @Test
    void skipsInterimAnswersButNotTooMany() throws IOException {
        assertEquals(200, read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 10).status());
        String interim = "HTTP/1.1 100 Continue\r\n\r\n".repeat(UpnpHttp.MAX_INTERIM + 1);
        assertThrows(UpnpHttp.Malformed.class, () -> read(interim + "HTTP/1.1 200 OK\r\n\r\n", 10));
    }

    @Test
    void refusesWhatIsNotAnAnswerOrTooLong() {
        String[] bad = {
            "",                                                       // the connection closed: no answer
            "SSH-2.0-OpenSSH\r\n\r\n",                               // not HTTP
            "HTTP/1.1 2x0 OK\r\n\r\n",                                // status not 3 digits
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",          // a length that is not one
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nabc",      // ends inside the body
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n01234567890", // longer than the limit of 10
            "HTTP/1.1 200 OK\r\n\r\n01234567890",                    // to the end, longer than 10
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n6\r\n012345\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", // chunk longer than said
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: " + "y".repeat(UpnpHttp.MAX_LINE) + "\r\n\r\n",
            "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(UpnpHttp.MAX_HEADERS + 1) + "\r\n",
            "HTTP/1.1 200 OK\r\nContent-Le",                          // ends inside a header
        };
        for (String answer : bad) {
            assertThrows(UpnpHttp.Malformed.class, () -> read(answer, 10), answer.length() > 60 ? answer.substring(0, 60) : answer);
        }
        assertTrue(UpnpHttp.MAX_HEADERS >= 50);
    }
}
