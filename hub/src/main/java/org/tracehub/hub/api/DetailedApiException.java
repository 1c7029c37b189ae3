package org.tracehub.hub.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** An API failure that adds properties to its problem document (e.g. the list of spec problems). */
public class DetailedApiException extends ApiException {

    private final Map<String, Object> properties;

    public DetailedApiException(HttpStatus status, String code, String message, Map<String, Object> properties) {
        super(status, code, message);
        this.properties = Map.copyOf(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
