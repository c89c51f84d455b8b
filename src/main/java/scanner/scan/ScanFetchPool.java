package scanner.scan;

import java.util.concurrent.ExecutorService;

/** The threads that fetch and scan the objects of a work unit in parallel. */
public record ScanFetchPool(ExecutorService executor) {
}
