package scanner.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 1 GiB object scans in a JVM whose whole heap is 256 MiB: memory is bounded by the window. */
class LargeObjectTest {

    @Test
    void a_1_gib_object_scans_with_a_256_mib_heap() throws IOException, InterruptedException {
        assertScansWithSmallHeap("text", null);
    }

    @Test
    void a_zip_of_1_gib_of_text_scans_with_a_256_mib_heap() throws IOException, InterruptedException {
        assertScansWithSmallHeap("zip", "big.zip!/logs/big.log");
    }

    private static void assertScansWithSmallHeap(String kind, String location) throws IOException, InterruptedException {
        long size = 1L << 30;
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LargeObjectScan.class.getName(), Long.toString(size), kind)
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertEquals(true, finished, "still running");
        assertEquals(0, process.exitValue(), output);
        // One SSN per 64 KiB block, the last on the last block's last line but one.
        long blocks = size / LargeObjectScan.Generated.BLOCK.length;
        String[] parts = output.substring(output.lastIndexOf('\n') + 1).split(" ");
        assertEquals(blocks, Long.parseLong(parts[0]));
        long lastOffset = size - LargeObjectScan.SSN.length() - 1;
        assertEquals(lastOffset, Long.parseLong(parts[2]));
        // Its line: every newline before it (all but the block's final one) plus one.
        long newlinesPerBlock = countNewlines(LargeObjectScan.Generated.BLOCK);
        assertEquals(blocks * newlinesPerBlock, Long.parseLong(parts[1]));
        assertEquals(String.valueOf(location), parts[3]);
    }

    private static long countNewlines(byte[] block) {
        long n = 0;
        for (byte b : block) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }
}
