package scanner.config;

/** A setting is missing or malformed; the message names the key and what it expects. */
public class ConfigurationException extends IllegalArgumentException {

    public ConfigurationException(String message) {
        super(message);
    }
}
