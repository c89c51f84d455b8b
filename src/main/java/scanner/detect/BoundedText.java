package scanner.detect;

/**
 * Text for an operator's regular expression (a custom detector, an allow-list pattern) that stops
 * it after a time budget: the matcher reads characters through {@link #charAt}, which checks the
 * clock every few thousand reads and throws {@link TooSlow} once the budget is spent. A pattern
 * that backtracks catastrophically on some text costs that budget, not the scanner for good.
 */
final class BoundedText implements CharSequence {

    /** The pattern ran out of time on this text. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("a configured pattern ran out of time", null, false, false);
        }
    }

    private final CharSequence text;
    private final long deadline;
    private int reads;

    BoundedText(CharSequence text, long budgetNanos) {
        this(text, System.nanoTime() + budgetNanos, 0);
    }

    private BoundedText(CharSequence text, long deadline, int reads) {
        this.text = text;
        this.deadline = deadline;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xfff) == 0 && System.nanoTime() - deadline > 0) {
            throw new TooSlow();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.subSequence(start, end), deadline, reads);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
