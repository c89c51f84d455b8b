package scanner.config;

import java.util.Optional;

/** Camel wraps what a bean expression throws; the policies look for the cause that matters. */
public final class Exceptions {

    private Exceptions() {
    }

    public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
