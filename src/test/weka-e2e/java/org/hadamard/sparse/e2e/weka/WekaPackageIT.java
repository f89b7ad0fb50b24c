package org.hadamard.sparse.e2e.weka;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, as a Weka user would: the package zip built by {@code mvn package} is installed offline
 * into a fresh WEKA_HOME with Weka's package manager, then each classifier runs through {@code weka.Run}
 * with 10-fold cross-validation in a child JVM whose classpath is plain Weka (the package's own jars
 * come only from WEKA_HOME), and finally the Explorer runs one classifier under Xvfb and a screenshot
 * is saved to target/e2e/explorer.png. Weka's CLI exits 0 even on errors, so the output is checked.
 * Runs under failsafe in weka-package (after the zip exists); the system properties come from its pom.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WekaPackageIT {

    private Path zip;
    private String wekaClasspath;
    private Path data;
    private Path work;
    private Path wekaHome;

    @BeforeAll
    void install() throws Exception {
        zip = Paths.get(System.getProperty("weka.package.zip"));
        wekaClasspath = Files.readString(Paths.get(System.getProperty("weka.classpath.file"))).trim();
        data = Paths.get(System.getProperty("weka.e2e.data"));
        work = Paths.get(System.getProperty("weka.e2e.work"));
        assertTrue(Files.isRegularFile(zip), "package zip missing: " + zip);
        assertFalse(wekaClasspath.contains("tribuo"), "the child classpath must be plain Weka");
        wekaHome = work.resolve("wekahome");
        deleteRecursively(wekaHome);
        Files.createDirectories(wekaHome);

        String out = java(null, List.of("weka.core.WekaPackageManager", "-offline", "-install-package", zip.toString()), null);
        String name = System.getProperty("weka.package.name");
        assertTrue(Files.isRegularFile(wekaHome.resolve("packages").resolve(name).resolve(name + ".jar")), out);
        String list = java(null, List.of("weka.core.WekaPackageManager", "-offline", "-list-packages", "installed"), null);
        assertTrue(list.lines().anyMatch(l -> l.contains(name) && l.contains("Yes")), list);
    }

    @Test
    void zipLayout() throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            z.stream().forEach(e -> names.add(e.getName()));
            assertTrue(names.contains("Description.props"), names.toString());
            assertTrue(names.contains(System.getProperty("weka.package.name") + ".jar"), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("lib/tribuo-sparse-")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("lib/tribuo-core-")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.toLowerCase().contains("weka-stable") || n.toLowerCase().contains("weka-dev")),
                "Weka must not be bundled: " + names);
        }
    }

    @Test
    void regressionThroughWekaRun() throws Exception {
        for (String c : List.of("HadamardLasso", "HadamardLq", "HadamardGroupLasso")) {
            String out = run(c, "cpu.arff");
            assertTrue(out.contains("=== Cross-validation ==="), out);
            assertTrue(out.contains("Correlation coefficient"), out);
            assertTrue(out.contains("Certificate"), out);
            assertFalse(out.contains("Exception"), out);
        }
    }

    @Test
    void classificationThroughWekaRun() throws Exception {
        String out = run("HadamardLasso", "iris.arff");
        assertTrue(out.contains("=== Stratified cross-validation ==="), out);
        assertTrue(out.contains("Correctly Classified Instances"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void badOptionIsReported() throws Exception {
        String out = java(null, List.of("weka.Run", "-do-not-prompt-if-multiple-matches", "HadamardLasso",
            "-t", data.resolve("cpu.arff").toString(), "-lambda", "abc"), null);
        assertTrue(out.contains("'abc' is not a number"), out);
    }

    @Test
    void explorerUnderXvfb() throws Exception {
        String xvfb = findOnPath("Xvfb");
        Assumptions.assumeTrue(xvfb != null, "Xvfb is not installed: skipping the Explorer test");
        Process x = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.US_ASCII));
            String display = r.readLine();
            Assumptions.assumeTrue(display != null && !display.isBlank(), "Xvfb did not start");
            Path driverDir = copyDriver();
            Path png = work.resolve("explorer.png");
            Files.deleteIfExists(png);
            String out = java(":" + display.trim(), List.of("weka.gui.explorer.HadamardExplorerDriver",
                data.resolve("cpu.arff").toString(), "weka.classifiers.functions.HadamardLasso", "-auto 1se", png.toString()),
                driverDir.toString());
            assertTrue(out.contains("GOE-LISTED weka.classifiers.functions.HadamardLasso true"), out);
            assertTrue(out.contains("Scheme:       weka.classifiers.functions.HadamardLasso"), out);
            assertTrue(out.contains("10-fold cross-validation"), out);
            assertTrue(out.contains("Correlation coefficient"), out);
            String explorerText = out.substring(out.indexOf("=== EXPLORER OUTPUT ==="));
            assertFalse(explorerText.contains("Exception"), out);
            assertTrue(Files.size(png) > 10_000, "screenshot too small: " + png);
        } finally {
            x.destroy();
            x.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String run(String classifier, String file) throws Exception {
        return java(null, List.of("weka.Run", "-do-not-prompt-if-multiple-matches", classifier,
            "-t", data.resolve(file).toString(), "-x", "10"), null);
    }

    /** Runs a Weka class in a child JVM (plain Weka classpath, offline, our WEKA_HOME); returns stdout+stderr. */
    private String java(String display, List<String> args, String extraClasspath) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-DWEKA_HOME=" + wekaHome);
        cmd.add("-Dweka.packageManager.offline=true");
        cmd.add("-cp");
        cmd.add(extraClasspath == null ? wekaClasspath : wekaClasspath + File.pathSeparator + extraClasspath);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WEKA_HOME", wekaHome.toString());
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        } else {
            pb.environment().remove("DISPLAY");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES));
        Files.createDirectories(work);
        Files.writeString(work.resolve(args.get(0) + "-" + System.nanoTime() + ".log"), String.join(" ", cmd) + "\n\n" + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The driver's class files alone (test-classes also holds Weka test classes that need junit). */
    private Path copyDriver() throws IOException {
        Path src = Paths.get(System.getProperty("weka.e2e.testClasses"), "weka", "gui", "explorer");
        Path dir = work.resolve("driver");
        deleteRecursively(dir);
        Path dst = Files.createDirectories(dir.resolve("weka").resolve("gui").resolve("explorer"));
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (f.getFileName().toString().startsWith("HadamardExplorerDriver")) {
                    Files.copy(f, dst.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    private static String findOnPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(d, exe);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
