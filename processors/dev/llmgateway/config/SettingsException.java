package dev.llmgateway.config;

import java.util.List;

/** application.yaml (or an override of it) has a wrong setting; the message names each one and what is wrong. */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }

    public static SettingsException of(List<String> problems) {
        return new SettingsException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
