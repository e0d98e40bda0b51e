package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of media downloads: one GET to the CDN with the browser's headers and an optional {@code Range}, its
 * redirects followed by hand so that every hop passes the {@link CdnAllowlist} (docs/protocol.md §1.1, §8.6).
 */
final class CdnClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdnClient.class);

    private static final int MAX_REDIRECTS = 5;
    /** Enough keep-alive connections for the most download threads the CLI allows, on each CDN host. */
    private static final int CONNECTIONS_PER_HOST = 64;

    private final DownloadSettings settings;
    private final CdnAllowlist allowlist;
    private final CloseableHttpClient client;

    /** @param shared connections shared with other downloaders ({@link DownloadSlots}); null for a pool of its own */
    CdnClient(DownloadSettings settings, CdnAllowlist allowlist, HttpClientConnectionManager shared) {
        this.settings = settings;
        this.allowlist = allowlist;
        // Its own client: no cookies (the signed URL is the credential, §8.6), no automatic redirects (each hop
        // must pass the allowlist), no transparent decompression or retries (bytes and lengths are checked here).
        // A blocking client: each download thread reads its socket itself, without handing every chunk over to
        // another thread, which halves the CPU a gigabyte costs compared with java.net.http.
        Timeout stall = Timeout.of(settings.readStallTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(shared != null ? shared
                        : connectionManager(settings, CONNECTIONS_PER_HOST, 2 * CONNECTIONS_PER_HOST))
                .setConnectionManagerShared(shared != null)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(stall)
                        .setConnectionRequestTimeout(stall)
                        .build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .build();
    }

    /** Keep-alive connections, at most {@code perHost} to each CDN host and {@code total} in all. */
    static PoolingHttpClientConnectionManager connectionManager(DownloadSettings settings, int perHost, int total) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(perHost)
                .setMaxConnTotal(total)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readStallTimeout()))
                        .build())
                .build();
    }

    /**
     * Asks for the bytes from {@code offset} on; the reply is the first that is no redirect.
     *
     * @param field names the resource in messages
     */
    CdnReply get(URI first, long offset, String field) {
        URI uri = first;
        for (int hop = 0; ; hop++) {
            String host = CdnAllowlist.hostOf(uri);
            LOG.debug("{}: GET {}{}", field, CdnUrls.describe(uri), offset > 0 ? " from byte " + offset : "");
            HttpGet request = request(uri, offset);
            CdnReply reply;
            try {
                reply = new CdnReply(uri, request, client.executeOpen(null, request, null));
            } catch (ConnectTimeoutException e) {
                throw DownloadException.of(field, Reason.STREAM_ERROR, -1, "could not connect to " + host
                        + " within " + settings.connectTimeout().toSeconds() + " s");
            } catch (SocketTimeoutException e) {
                throw DownloadException.of(field, Reason.STREAM_ERROR, -1, "no response from " + host + " within "
                        + settings.readStallTimeout().toSeconds() + " s");
            } catch (IOException e) {
                // no cause attached: client messages may quote the URL
                throw DownloadException.of(field, Reason.STREAM_ERROR, -1, "request to " + host + " failed: "
                        + CdnUrls.scrub(e.toString()));
            }
            int status = reply.status();
            if (!isRedirect(status)) {
                return reply;
            }
            reply.close();
            uri = redirectTarget(reply, uri, hop, field);
        }
    }

    private URI redirectTarget(CdnReply reply, URI from, int hop, String field) {
        int status = reply.status();
        String host = reply.host();
        Optional<String> location = reply.header("Location");
        if (location.isEmpty() || hop >= MAX_REDIRECTS) {
            throw DownloadException.of(field, Reason.HTTP_STATUS, status, "HTTP " + status + " from " + host
                    + (location.isEmpty() ? " without a Location" : " (too many redirects)"));
        }
        URI next;
        try {
            next = from.resolve(new URI(CdnUrls.encodeForUri(location.get().trim())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw DownloadException.of(field, Reason.HTTP_STATUS, status, "HTTP " + status + " from " + host
                    + " with an unreadable Location");
        }
        if (!allowlist.allows(next)) {
            throw DownloadException.of(field, Reason.HOST_NOT_ALLOWED, status, "redirect from " + host
                    + " to CDN host " + CdnAllowlist.hostOf(next) + " not allowed");
        }
        return next;
    }

    private HttpGet request(URI uri, long offset) {
        HttpGet request = new HttpGet(uri);
        request.setHeader("User-Agent", settings.userAgent());
        request.setHeader("Origin", settings.webHome());
        request.setHeader("Referer", settings.webHome() + "/");
        if (offset > 0) {
            request.setHeader("Range", "bytes=" + offset + "-");
        }
        return request;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
