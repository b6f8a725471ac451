package net.ztj.service.api.resource;

import net.ztj.core.Version;

/** The version fields that /status and /health share. */
final class VersionFields {
    static final String VERSION = Version.text();
    static final int MAJOR = Version.MAJOR;
    static final int MINOR = Version.MINOR;
    static final int REVISION = Version.REVISION;
    static final int BUILD = 0;

    private VersionFields() {}
}
