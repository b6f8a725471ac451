package net.ztj.service.home;

import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code zerotier-one.pid}: the decimal PID without newline, deleted at normal exit (spec 05 §2.2 step 9). It also
 * guards the home folder: the daemon holds an exclusive lock on it while it runs, so a second daemon on the same home
 * folder is refused instead of overwriting the first one's files (the reference does not check this).
 */
public final class PidFile implements AutoCloseable {
    /** Another process holds the home folder. */
    public static final class AlreadyRunningException extends Exception {
        private final OptionalLong pid;

        AlreadyRunningException(OptionalLong pid) {
            super("already running");
            this.pid = pid;
        }

        /** The PID written by the running daemon, if readable. */
        public OptionalLong pid() {
            return pid;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the file and writes this process's PID into it.
     *
     * @throws AlreadyRunningException if another daemon (in this or another process) holds the lock
     * @throws IOException             if the file cannot be written
     */
    public static PidFile acquire(Path file, long pid) throws AlreadyRunningException, IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileChannel channel = posix
                ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(FileWriting.PUBLIC_FILE))
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            OptionalLong running = readPid(channel);
            channel.close();
            throw new AlreadyRunningException(running);
        }
        try {
            FileWriting.setMode(file, FileWriting.PUBLIC_FILE); // 0644 whatever the umask
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(pid).getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new PidFile(file, channel, lock);
    }

    private static OptionalLong readPid(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Path path() {
        return file;
    }

    /** Deletes the file (normal exit); the lock is released by {@link #close()}. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do at exit
        }
    }

    /** Releases the lock; the file stays unless {@link #delete()} was called. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException e) {
            // exiting anyway
        }
    }
}
