package com.camelicloud.photos.auth;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import com.camelicloud.photos.http.ApiRequest;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The setup service ({@code {SETUP}}, docs/protocol.md §2.6): turns idmsa tokens into iCloud web cookies. */
final class SetupClient {

    private final HttpTransport http;
    private final String setupBase;

    SetupClient(HttpTransport http, String setupBase) {
        this.http = http;
        this.setupBase = setupBase;
    }

    /** Rung 1 of the ladder: is the stored web session still good? Body is literally {@code null}. */
    ApiResponse validate() throws IOException, InterruptedException {
        return http.execute(ApiRequest.post(URI.create(setupBase + "/validate"), "validate", Map.of(), "null"));
    }

    ApiResponse accountLogin(String sessionToken, String trustToken, String accountCountry)
            throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        if (accountCountry != null) {
            body.put("accountCountryCode", accountCountry);
        }
        body.put("dsWebAuthToken", sessionToken);
        body.put("extended_login", true);
        body.put("trustToken", trustToken == null ? "" : trustToken);
        return http.execute(ApiRequest.post(URI.create(setupBase + "/accountLogin"), "accountLogin", Map.of(),
                Json.write(body)));
    }
}
