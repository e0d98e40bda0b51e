package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * AWS Secrets Manager's {@code GetSecretValue} on 127.0.0.1, for the vault placeholder of a config file: one secret,
 * whose {@code SecretString} is a JSON object of the given fields. Point camel-aws-secrets-manager at it with
 * {@code CAMEL_AWS_VAULT_IS_OVERRIDE_ENDPOINT=true} and {@code CAMEL_AWS_VAULT_URI_ENDPOINT_OVERRIDE=}{@link #url()}.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> requestedSecrets = new CopyOnWriteArrayList<>();

    public SecretsManagerStandIn(String secretName, Map<String, String> fields) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, secretName, fields));
        server.start();
    }

    private void answer(HttpExchange exchange, String secretName, Map<String, String> fields) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String secretId = JSON.readTree(body).path("SecretId").asText();
            requestedSecrets.add(secretId);
            boolean known = "secretsmanager.GetSecretValue".equals(target) && secretName.equals(secretId);
            ObjectNode answer = JSON.createObjectNode();
            if (known) {
                answer.put("Name", secretName).put("SecretString", JSON.writeValueAsString(fields));
            } else {
                answer.put("__type", "ResourceNotFoundException").put("message", "no secret " + secretId);
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(known ? 200 : 400, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The secret ids asked for, in order. */
    public List<String> requestedSecrets() {
        return List.copyOf(requestedSecrets);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
