package com.camelicloud.photos.http;

import java.net.URI;
import java.util.Map;

/**
 * One call to an Apple API host.
 *
 * @param endpoint a short stable name of the operation (e.g. {@code changes/zone}), for metrics and logs
 * @param body     the request body, or null for none
 */
public record ApiRequest(String method, URI uri, Map<String, String> headers, String body, String endpoint) {

    public static ApiRequest post(URI uri, String endpoint, Map<String, String> headers, String body) {
        return new ApiRequest("POST", uri, headers, body, endpoint);
    }

    public static ApiRequest get(URI uri, String endpoint, Map<String, String> headers) {
        return new ApiRequest("GET", uri, headers, null, endpoint);
    }

    public static ApiRequest put(URI uri, String endpoint, Map<String, String> headers, String body) {
        return new ApiRequest("PUT", uri, headers, body, endpoint);
    }
}
