package net.ztj.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Method handles into {@code java.base}'s {@code com.sun.crypto.provider}, for {@link JdkGhash} and {@link JdkCtr}.
 * A handle is null when the package is not opened to us ({@code --add-opens
 * java.base/com.sun.crypto.provider=ALL-UNNAMED}) or when this JDK's internals differ from what we look for.
 */
final class JdkInternals {
    private static final String PACKAGE = "com.sun.crypto.provider.";

    private JdkInternals() {}

    /** Looks one member up in a class of the package. */
    @FunctionalInterface
    interface Finder {
        MethodHandle find(MethodHandles.Lookup lookup, Class<?> owner) throws ReflectiveOperationException;
    }

    /** The class {@code simpleName} of the package. */
    static Class<?> type(String simpleName) throws ClassNotFoundException {
        return Class.forName(PACKAGE + simpleName, false, Object.class.getClassLoader());
    }

    /** The handle {@code finder} finds in class {@code simpleName}, or null when it cannot be reached. */
    static MethodHandle find(String simpleName, Finder finder) {
        try {
            Class<?> owner = type(simpleName);
            return finder.find(MethodHandles.privateLookupIn(owner, MethodHandles.lookup()), owner);
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // not opened to us (IllegalAccessException, InaccessibleObjectException) or not this JDK's layout
            return null;
        }
    }
}
