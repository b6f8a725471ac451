package net.ztj.service;

/**
 * The service cannot start or go on; the process ends with the reference's console line and exit status
 * (spec 05 §2.3, §2.4).
 */
public final class ServiceFailure extends Exception {
    /** How the failure is reported. */
    public enum Kind {
        /** {@code <argv0>: fatal error: <message>}, exit 1, pid file deleted. */
        FATAL,
        /** {@code ERROR: unable to parse local.conf (<reason>)}, exit 1, pid file left behind (as the reference). */
        LOCAL_CONF,
        /** {@code ERROR: Could not bind control plane. Exiting...}, exit 255. */
        CONTROL_PLANE
    }

    private final Kind kind;

    private ServiceFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static ServiceFailure fatal(String message) {
        return new ServiceFailure(Kind.FATAL, message, null);
    }

    public static ServiceFailure fatal(String message, Throwable cause) {
        return new ServiceFailure(Kind.FATAL, message, cause);
    }

    public static ServiceFailure localConf(String reason) {
        return new ServiceFailure(Kind.LOCAL_CONF, reason, null);
    }

    public static ServiceFailure controlPlane() {
        return new ServiceFailure(Kind.CONTROL_PLANE, "Could not bind control plane", null);
    }

    public Kind kind() {
        return kind;
    }

    /** The line written to stderr. */
    public String consoleLine(String programName) {
        return switch (kind) {
            case FATAL -> programName + ": fatal error: " + getMessage();
            case LOCAL_CONF -> "ERROR: unable to parse local.conf (" + getMessage() + ")";
            case CONTROL_PLANE -> "ERROR: Could not bind control plane. Exiting...";
        };
    }

    public int exitCode() {
        return kind == Kind.CONTROL_PLANE ? 255 : 1;
    }

    /** Whether the pid file stays behind (the reference exits at once on a bad local.conf). */
    public boolean keepsPidFile() {
        return kind == Kind.LOCAL_CONF;
    }
}
