package scanner.bench;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.*;
import java.util.*;

/**
 * Two builds of the detection engine in one JVM, each in its own class loader, alternating pass by
 * pass over the same file: on a noisy machine, the ratio of paired passes says more than two
 * separate runs. Prints each build's median and best MB/s and the median ratio B/A with quartiles.
 * Run by bench/engine-ab.sh. Args: file, rounds, classes dir A, classes dir B.
 */
public final class EngineAB {
    public static void main(String[] a) throws Exception {
        byte[] text = Files.readAllBytes(Path.of(a[0]));
        int rounds = Integer.parseInt(a[1]);
        Object[] scanners = new Object[2];
        Method[] scan = new Method[2];
        for (int v = 0; v < 2; v++) {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(a[2 + v]).toUri().toURL()}, EngineAB.class.getClassLoader());
            Class<?> reg = cl.loadClass("scanner.detect.DetectorRegistry");
            Class<?> allow = cl.loadClass("scanner.detect.AllowList");
            Class<?> eng = cl.loadClass("scanner.detect.engine.DetectionEngine");
            Class<?> ts = cl.loadClass("scanner.scan.TextScanner");
            Object engine = eng.getConstructor(List.class, allow).newInstance(reg.getMethod("builtIn").invoke(null), allow.getField("EMPTY").get(null));
            scanners[v] = ts.getConstructor(eng, int.class).newInstance(engine, Integer.MAX_VALUE);
            scan[v] = ts.getMethod("scan", java.io.InputStream.class);
        }
        for (int w = 0; w < 4; w++) for (int v = 0; v < 2; v++) scan[v].invoke(scanners[v], new ByteArrayInputStream(text));
        double[][] rate = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int v0 = 0; v0 < 2; v0++) {
                int v = (r + v0) % 2;
                long t = System.nanoTime();
                Object res = scan[v].invoke(scanners[v], new ByteArrayInputStream(text));
                rate[v][r] = text.length / 1e6 / ((System.nanoTime() - t) / 1e9);
                if (r == 0) System.out.println((v == 0 ? "A" : "B") + " findings " + ((List<?>) res).size());
            }
            ratio[r] = rate[1][r] / rate[0][r];
        }
        Arrays.sort(rate[0]); Arrays.sort(rate[1]); Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "A median %.0f best %.0f | B median %.0f best %.0f | B/A median %.3f (q1 %.3f q3 %.3f)%n",
                rate[0][rounds / 2], rate[0][rounds - 1], rate[1][rounds / 2], rate[1][rounds - 1], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
    }
}
