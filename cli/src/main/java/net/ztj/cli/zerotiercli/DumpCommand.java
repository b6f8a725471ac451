package net.ztj.cli.zerotiercli;

import net.ztj.core.Version;
import net.ztj.core.wire.IpText;
import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code dump}: /status, /network and /peer as received, local.conf and the host's interfaces, written to
 * {@code zerotier_dump.txt} in the current directory. As in the reference the file is not truncated first, so a
 * longer old file keeps its tail.
 */
final class DumpCommand implements CliCommand {
    private static final String FILE = "zerotier_dump.txt";

    @Override
    public int run(CliContext c) {
        StringBuilder dump = new StringBuilder();
        dump.append("platform: Linux\nzerotier version: ").append(Version.text()).append("\n\n");
        String[][] sections = {{"status", "/status"}, {"networks", "/network"}, {"peers", "/peer"}};
        for (String[] s : sections) {
            ApiResponse r = c.api().get(s[1]);
            if (r.status() != 200) return Replies.errorConnecting(c, r);
            if (!s[0].equals("status")) dump.append('\n');
            dump.append(s[0]).append('\n').append("-".repeat(s[0].length())).append('\n').append(r.text()).append('\n');
        }
        dump.append("\nlocal.conf\n----------\n").append(localConf(c)).append('\n');
        dump.append("\nNetwork Interfaces\n------------------\n\n");
        interfaces(dump);
        Path file = c.io().cwd().resolve(FILE);
        c.println("Writing dump to: " + file.toAbsolutePath());
        try {
            write(file, dump.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            CliOutput.println(c.io().err(), "Error creating file.");
            return 1;
        }
        return 0;
    }

    private static String localConf(CliContext c) {
        try {
            String text = Files.readString(Path.of(c.home(), "local.conf"), StandardCharsets.UTF_8);
            return text.isEmpty() ? "None Present" : text;
        } catch (IOException | RuntimeException e) {
            return "None Present";
        }
    }

    /** Every non-loopback interface with an IPv4 address, in interface order, numbered from 0. */
    private static void interfaces(StringBuilder dump) {
        List<NetworkInterface> all;
        try {
            all = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
        } catch (SocketException | NullPointerException e) {
            return;
        }
        all.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        int n = 0;
        for (NetworkInterface nif : all) {
            List<byte[]> v4 = new ArrayList<>(), v6 = new ArrayList<>();
            for (InetAddress a : Collections.list(nif.getInetAddresses())) (a.getAddress().length == 4 ? v4 : v6).add(a.getAddress());
            try {
                if (nif.isLoopback() || v4.isEmpty()) continue;
                dump.append("Interface ").append(n++).append("\n-----------\nName: ").append(nif.getName())
                        .append("\nMTU: ").append(nif.getMTU()).append("\nMAC: ").append(mac(nif.getHardwareAddress()))
                        .append("\nAddresses: \n");
            } catch (SocketException e) {
                continue;
            }
            for (byte[] ip : v4) dump.append(IpText.format(ip)).append('\n');
            for (byte[] ip : v6) dump.append(IpText.format(ip)).append('\n');
        }
    }

    private static String mac(byte[] mac) {
        if (mac == null) return "";
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** Opened without truncation (as the reference opens it); a file it creates is 0644 whatever the umask. */
    private static void write(Path file, byte[] content) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        boolean created = !Files.exists(file);
        try (FileChannel ch = posix && created
                ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(FileWriting.PUBLIC_FILE))
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (created) FileWriting.setMode(file, FileWriting.PUBLIC_FILE);
            ch.write(ByteBuffer.wrap(content), 0);
        }
    }
}
