package scanner.scan;

/**
 * One match of one detector in one object; {@code masked} is all that is kept of the value.
 * {@code location} says where inside the object the text was: null for the object's own text,
 * else the path of an archive entry or embedded document ("exports.zip!/2024/customers.csv");
 * line and offset count within that text.
 */
public record Finding(String detector, int line, long offset, String masked, String location) {

    public Finding(String detector, int line, long offset, String masked) {
        this(detector, line, offset, masked, null);
    }
}
