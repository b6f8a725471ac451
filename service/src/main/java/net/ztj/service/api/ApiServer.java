package net.ztj.service.api;

import net.ztj.service.api.http.ConnectionGovernor;
import net.ztj.service.api.http.HttpHandler;
import net.ztj.service.api.http.HttpLimits;
import net.ztj.service.api.http.HttpListener;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's two listeners on the primary port (spec 05 §5.1), announced on stderr as the reference announces them.
 *
 * <p>Without {@code allowManagementFrom} they bind the loopback addresses {@code 127.0.0.1} and {@code [::1]}: the
 * source check would refuse every other client anyway, and nothing else on the host or network can then reach the
 * port. With remote management they bind {@code 0.0.0.0} and {@code [::]} (dual-stack, SO_REUSEPORT on both, IPv4
 * clients served by the IPv4 listener) as the reference does. Both share one set of {@link HttpLimits} and connection
 * pools.
 */
public final class ApiServer implements AutoCloseable {
    /** Neither listener could be bound. */
    public static final class BindException extends Exception {
        public BindException(String message) {
            super(message);
        }
    }

    private final HttpListener v4;
    private final HttpListener v6;
    private final ConnectionGovernor governor;
    private final PrintStream err;

    private ApiServer(HttpListener v4, HttpListener v6, ConnectionGovernor governor, PrintStream err) {
        this.v4 = v4;
        this.v6 = v6;
        this.governor = governor;
        this.err = err;
    }

    /**
     * Starts both listeners; one alone is enough.
     *
     * @param port             the primary port (0: any free port, the same for both)
     * @param remoteManagement bind the wildcard addresses instead of loopback
     * @throws BindException if neither can be bound
     */
    public static ApiServer start(int port, boolean remoteManagement, HttpHandler handler, PrintStream err)
            throws BindException {
        return start(port, remoteManagement, handler, HttpLimits.DEFAULT, err);
    }

    /** Starts both listeners with other limits than the defaults. */
    public static ApiServer start(int port, boolean remoteManagement, HttpHandler handler, HttpLimits limits,
                                  PrintStream err) throws BindException {
        ConnectionGovernor governor = new ConnectionGovernor(limits);
        InetAddress a4 = address(remoteManagement ? new byte[4] : new byte[] {127, 0, 0, 1});
        byte[] loop6 = new byte[16];
        loop6[15] = 1;
        InetAddress a6 = address(remoteManagement ? new byte[16] : loop6);
        err.println("Starting Control Plane...");
        HttpListener v4 = listen(new InetSocketAddress(a4, port), remoteManagement, handler, governor, err,
                a4.getHostAddress());
        int chosen = port == 0 && v4 != null ? v4.address().getPort() : port;
        err.println("Starting V6 Control Plane...");
        HttpListener v6 = listen(new InetSocketAddress(a6, chosen), remoteManagement, handler, governor, err,
                "[" + (remoteManagement ? "::" : "::1") + "]");
        if (v4 == null && v6 == null) {
            governor.close();
            throw new BindException("ERROR: Could not bind control plane. Exiting...");
        }
        return new ApiServer(v4, v6, governor, err);
    }

    private static HttpListener listen(InetSocketAddress at, boolean reusePort, HttpHandler handler,
                                       ConnectionGovernor governor, PrintStream err, String shown) {
        try {
            return HttpListener.start(at, reusePort, handler, governor);
        } catch (IOException | UnsupportedOperationException e) {
            err.println("Error binding control plane to " + shown + ":" + at.getPort());
            return null;
        }
    }

    private static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The bound listener addresses. */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        if (v4 != null) out.add(v4.address());
        if (v6 != null) out.add(v6.address());
        return out;
    }

    /** The port both listeners use. */
    public int port() {
        return addresses().getFirst().getPort();
    }

    @Override
    public void close() {
        if (v4 != null) {
            v4.close();
            err.println("Control Plane Stopped");
        }
        if (v6 != null) {
            v6.close();
            err.println("V6 Control Plane Stopped");
        }
        governor.close();
    }
}
