package scanner.scan;

/** One match of one detector in one object; {@code masked} is all that is kept of the value. */
public record Finding(String detector, int line, long offset, String masked) {
}
