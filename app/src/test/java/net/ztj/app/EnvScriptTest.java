package net.ztj.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/env.sh, which every script and launcher sources, tells the JDK's version even when JAVA_TOOL_OPTIONS is
 * set (a JVM then prints "Picked up JAVA_TOOL_OPTIONS: ..." before its version line). The script runs in bash with
 * a PATH that has no apt-get, so a failure to recognise the JDK ends in its error message, never in an install.
 */
class EnvScriptTest {
    private static final Path ENV_SH = Path.of("").toAbsolutePath().getParent().resolve("scripts/env.sh");

    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {}

    /** Runs {@code script} after sourcing env.sh (JDK only) with JAVA_TOOL_OPTIONS set and a PATH without apt-get. */
    private Outcome bash(String javaHome, String script) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("id", "readlink", "dirname", "head", "env", "grep", "awk", "sed", "cat")) {
            Path link = bin.resolve(tool);
            for (String d : List.of("/usr/bin", "/bin")) {
                if (!Files.exists(link) && Files.isExecutable(Path.of(d, tool))) Files.createSymbolicLink(link, Path.of(d, tool));
            }
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "source \"$ENV_SH\"\n" + script);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", bin.toString());
        env.put("HOME", dir.toString());
        env.put("ENV_SH", ENV_SH.toString());
        env.put("ZTJ_NO_MAVEN", "1");
        env.put("JAVA_HOME", javaHome);
        env.put("JAVA_TOOL_OPTIONS", "-Dztj.test=1");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A fake JDK whose java and javac print these lines on standard error for -version. */
    private Path fakeJdk(String name, String javaOutput, String javacOutput, String release) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin")).getParent();
        script(home.resolve("bin/java"), javaOutput);
        script(home.resolve("bin/javac"), javacOutput);
        if (release != null) Files.writeString(home.resolve("release"), release);
        return home;
    }

    private static void script(Path file, String stderrLines) throws IOException {
        StringBuilder sh = new StringBuilder("#!/bin/sh\n");
        for (String line : stderrLines.split("\n")) sh.append("echo '").append(line).append("' >&2\n");
        Files.writeString(file, sh);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theRunningJdkIsAcceptedWithJavaToolOptionsSet() throws Exception {
        String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
        Outcome o = bash(javaHome, "printf '%s\\n' \"$JAVA_HOME\"");
        assertEquals(0, o.exit(), o.err());
        assertEquals(javaHome + "\n", o.out());
        assertEquals("", o.err());
    }

    @Test
    void theVersionLineIsFoundAfterThePickedUpNote() throws Exception {
        String picked = "Picked up JAVA_TOOL_OPTIONS: -Dztj.test=1\n";
        Path scanned = fakeJdk("scanned", picked + "openjdk version \"25.0.1\" 2025-10-21\nOpenJDK Runtime Environment",
                picked + "javac 25.0.1", null);
        Path fromRelease = fakeJdk("release", "not a version line", "nor this", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"26-ea\"\n");
        Path old = fakeJdk("old", picked + "openjdk version \"21.0.4\" 2024-07-16", picked + "javac 21.0.4", null);
        Path ancient = fakeJdk("ancient", picked + "java version \"1.8.0_402\"", picked + "javac 1.8.0_402", null);
        String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
        Outcome o = bash(javaHome, String.join("\n",
                "ztj_major_of " + scanned + "/bin/java", "ztj_major_of " + scanned + "/bin/javac",
                "ztj_major_of " + fromRelease + "/bin/java", "ztj_major_of " + old + "/bin/java",
                "ztj_major_of " + ancient + "/bin/java",
                "ztj_is_good_jdk " + scanned + " && echo good", "ztj_is_good_jdk " + old + " || echo too-old"));
        assertEquals(0, o.exit(), o.err());
        assertEquals("25\n25\n26\n21\n8\ngood\ntoo-old\n", o.out());
    }
}
