package scanner.formats;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a document's extracted text waits to be scanned: a directory of this process's own,
 * readable by its user alone, under the temporary directory. Each file is deleted once scanned;
 * directories left by processes that died (kill -9) are removed when the next one starts, so raw
 * text does not stay on disk.
 */
final class Spool {

    private static final String PREFIX = "s3-scanner-spool-";
    private static volatile Path directory;

    private Spool() {
    }

    /** A new file in this process's spool directory. */
    static Path newFile() throws IOException {
        return Files.createTempFile(directory(), "text-", ".txt");
    }

    static Path directory() throws IOException {
        Path dir = directory;
        if (dir == null || !Files.isDirectory(dir)) {
            synchronized (Spool.class) {
                dir = directory;
                if (dir == null || !Files.isDirectory(dir)) {
                    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
                    removeLeftovers(parent);
                    dir = parent.resolve(PREFIX + ProcessHandle.current().pid());
                    if (!Files.isDirectory(dir)) {
                        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                        } else {
                            Files.createDirectories(dir);
                        }
                    }
                    directory = dir;
                }
            }
        }
        return dir;
    }

    /** Spool directories of processes no longer running: what a killed scanner left behind. */
    static void removeLeftovers(Path parent) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path dir : dirs) {
                String pid = dir.getFileName().toString().substring(PREFIX.length());
                boolean alive;
                try {
                    alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!alive) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            // nothing to clean, or not ours to clean
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the next start
        }
    }
}
