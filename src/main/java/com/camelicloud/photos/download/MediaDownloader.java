package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.http.RetryAfter;
import com.camelicloud.photos.http.RetryPolicy;
import com.camelicloud.photos.library.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one resource from the CDN into a temp file, resumably, and validates it (docs/protocol.md §8.6–8.9, §9.2).
 * The caller publishes the returned temp file. One instance serves many threads at once.
 *
 * <p>Download URLs are bearer credentials: they are never logged nor put into exception messages; at most the
 * host and the start of the path are.
 */
public final class MediaDownloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloader.class);

    /** A body at most this long that contradicts the API size is an error message rather than another version. */
    static final long ERROR_BODY_MAX = 64 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(120);
    private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUERY = Pattern.compile("\\?\\S*");
    /** Bytes read from the socket at a time. */
    private static final int READ_BUFFER = 64 * 1024;
    /** Enough keep-alive connections for the most download threads the CLI allows, on each CDN host. */
    private static final int CONNECTIONS_PER_HOST = 64;

    private final DownloadSettings settings;
    private final BandwidthLimiter limiter;
    private final TempFiles tempFiles;
    private final CdnAllowlist allowlist;
    private final RetryPolicy retryPolicy;
    private final CloseableHttpClient client;
    /** Temp files being written by this instance's threads. */
    private final Set<Path> active = ConcurrentHashMap.newKeySet();
    /** UTIs whose magic-bytes mismatch was already reported: warn once, not for every file. */
    private final Set<String> warnedTypes = ConcurrentHashMap.newKeySet();
    private final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DownloadGuard guard = DownloadGuard.NONE;

    /** A downloader with its own bandwidth cap taken from the settings. */
    public MediaDownloader(DownloadSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = new BandwidthLimiter(settings.bandwidthLimit());
        this.tempFiles = new TempFiles(settings.tempDirectory(), settings.tempSuffix(), settings.staleTempAge());
        this.allowlist = new CdnAllowlist(settings.extraAllowedHosts());
        Duration initial = settings.initialRetryDelay();
        this.retryPolicy = new RetryPolicy(settings.maxRetries(), initial,
                initial.compareTo(MAX_BACKOFF) > 0 ? initial : MAX_BACKOFF, RETRY_AFTER_CAP);
        // Its own client: no cookies (the signed URL is the credential, §8.6), no automatic redirects (each hop
        // must pass the allowlist), no transparent decompression or retries (bytes and lengths are checked here).
        // A blocking client: each download thread reads its socket itself, without handing every chunk over to
        // another thread, which halves the CPU a gigabyte costs compared with java.net.http.
        Timeout stall = Timeout.of(settings.readStallTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(CONNECTIONS_PER_HOST)
                        .setMaxConnTotal(2 * CONNECTIONS_PER_HOST)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(stall)
                                .build())
                        .build())
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

    /** Closes the pooled connections. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    public DownloadSettings settings() {
        return settings;
    }

    public BandwidthLimiter bandwidthLimiter() {
        return limiter;
    }

    public TempFiles tempFiles() {
        return tempFiles;
    }

    /** Deletes stale temp files; call at the start of a run, before any download. */
    public int deleteStaleTempFiles() {
        return tempFiles.deleteStale();
    }

    public void addListener(DownloadListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** What may stop every download of this downloader at once, between two chunks. */
    public void setGuard(DownloadGuard guard) {
        this.guard = Objects.requireNonNull(guard);
    }

    /** Downloads without a way to refresh the URL: an expired URL fails the download. */
    public DownloadResult download(Resource resource) {
        return download(resource, null);
    }

    /**
     * Downloads {@code resource} into its temp file, resuming what an earlier attempt left there.
     *
     * @param refresher gets a fresh URL after 401/403/404/410 or an error body; called at most once; may be null
     * @return the complete, validated, fsynced temp file
     * @throws DownloadException when it fails; a temp file is left behind only if it holds a plausible prefix
     */
    public DownloadResult download(Resource resource, UrlRefresher refresher) {
        Objects.requireNonNull(resource, "resource");
        requireUsable(resource);
        return new Call(resource, refresher).run();
    }

    /** One download: its state lives here so that the downloader itself stays stateless between threads. */
    private final class Call {

        private final UrlRefresher refresher;
        private Resource resource;
        private PartialFile file;
        private boolean refreshed;
        private int attempts;
        private int retries;
        private long transferred;

        Call(Resource resource, UrlRefresher refresher) {
            this.resource = resource;
            this.refresher = refresher;
        }

        DownloadResult run() {
            file = openTemp(resource);
            boolean complete = false;
            try {
                while (true) {
                    try {
                        if (file.length() == resource.size()) {
                            DownloadResult result = finish();
                            complete = true;
                            return result;
                        }
                        attempts++;
                        guard.check();
                        fetch();
                    } catch (DownloadException problem) {
                        recover(problem);
                    }
                }
            } finally {
                if (complete) {
                    file.close();
                } else {
                    file.abandon();
                }
            }
        }

        /** Returns when another attempt should be made; throws when the download has failed. */
        private void recover(DownloadException problem) {
            Reason reason = problem.reason();
            if ((reason == Reason.URL_EXPIRED || reason == Reason.ERROR_BODY) && !refreshed && refresher != null) {
                LOG.info("{}: {}; refreshing the download URL", field(), problem.problem());
                refreshUrl(problem);
                return;
            }
            boolean retryable = switch (reason) {
                case THROTTLED, SERVER_ERROR, STREAM_ERROR, LENGTH_MISMATCH, ERROR_BODY -> true;
                default -> false;
            };
            if (!retryable) {
                if (reason == Reason.URL_EXPIRED) {
                    throw problem.withProblem(problem.problem()
                            + (refreshed ? " even after a URL refresh" : " and the URL cannot be refreshed"));
                }
                throw problem;
            }
            if (retries >= settings.maxRetries()) {
                throw problem.withProblem(problem.problem() + " (gave up after " + attempts + " attempts)");
            }
            retries++;
            Duration delay = retryPolicy.delay(retries - 1, problem.retryAfter());
            LOG.info("{}: {}; retry {}/{} in {} ms{}", field(), problem.problem(), retries, settings.maxRetries(),
                    delay.toMillis(), file.length() > 0 ? " from byte " + file.length() : "");
            int retry = retries;
            notifyListeners(l -> l.onRetry(resource, problem, retry, delay));
            sleep(delay);
        }

        private void refreshUrl(DownloadException problem) {
            refreshed = true;
            Resource fresh;
            try {
                fresh = refresher.refresh(resource);
            } catch (DownloadException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new DownloadException(resource.field(), Reason.REFRESH_FAILED, problem.httpStatus(),
                        problem.problem() + "; refreshing the URL failed: " + scrub(e.toString()), e);
            }
            if (fresh == null || fresh.downloadUrl() == null || fresh.downloadUrl().isBlank()) {
                throw new DownloadException(resource.field(), Reason.RESOURCE_GONE, problem.httpStatus(),
                        problem.problem() + "; the resource no longer exists", null);
            }
            requireUsable(fresh);
            if (!tempFiles.pathFor(fresh).equals(file.path()) || fresh.size() != resource.size()) {
                // another version now: the bytes so far belong to the old one
                LOG.info("{}: the resource changed on the server; starting over", field());
                file.discard();
                file = openTemp(fresh);
            }
            resource = fresh;
            Resource current = fresh;
            notifyListeners(l -> l.onUrlRefreshed(current, problem));
        }

        /** One HTTP request; on return the file is complete, otherwise it throws. */
        private void fetch() {
            URI uri = requestUri(resource);
            long offset = file.length();
            // Closing a response whose body was not read to the end drops its connection instead of reusing it.
            try (Reply reply = send(uri, offset)) {
                int status = reply.status();
                if (status != 200 && status != 206) {
                    throw statusProblem(status, reply.host(), reply);
                }
                try {
                    receive(reply, offset);
                } catch (DownloadException e) {
                    throw unlessErrorBody(e, status);
                }
            }
        }

        private Reply send(URI first, long offset) {
            URI uri = first;
            for (int hop = 0; ; hop++) {
                String host = CdnAllowlist.hostOf(uri);
                LOG.debug("{}: GET {}{}", field(), describe(uri), offset > 0 ? " from byte " + offset : "");
                HttpGet request = request(uri, offset);
                Reply reply;
                try {
                    reply = new Reply(uri, request, client.executeOpen(null, request, null));
                } catch (ConnectTimeoutException e) {
                    throw problem(Reason.STREAM_ERROR, -1, "could not connect to " + host + " within "
                            + settings.connectTimeout().toSeconds() + " s");
                } catch (SocketTimeoutException e) {
                    throw problem(Reason.STREAM_ERROR, -1, "no response from " + host + " within "
                            + settings.readStallTimeout().toSeconds() + " s");
                } catch (IOException e) {
                    // no cause attached: client messages may quote the URL
                    throw problem(Reason.STREAM_ERROR, -1, "request to " + host + " failed: " + scrub(e.toString()));
                }
                int status = reply.status();
                if (!isRedirect(status)) {
                    return reply;
                }
                reply.close();
                Optional<String> location = reply.header("Location");
                if (location.isEmpty() || hop >= MAX_REDIRECTS) {
                    throw problem(Reason.HTTP_STATUS, status, "HTTP " + status + " from " + host
                            + (location.isEmpty() ? " without a Location" : " (too many redirects)"));
                }
                URI next;
                try {
                    next = uri.resolve(new URI(encodeForUri(location.get().trim())));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw problem(Reason.HTTP_STATUS, status, "HTTP " + status + " from " + host
                            + " with an unreadable Location");
                }
                if (!allowlist.allows(next)) {
                    throw problem(Reason.HOST_NOT_ALLOWED, status, "redirect from " + host + " to CDN host "
                            + CdnAllowlist.hostOf(next) + " not allowed");
                }
                uri = next;
            }
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

        /** Checks a 200/206 answer's headers against the API size, then streams its body into the file. */
        private void receive(Reply reply, long offset) {
            int status = reply.status();
            String host = reply.host();
            long size = resource.size();
            OptionalLong contentLength = reply.contentLength();
            if (ContentChecks.isHtml(reply.header("Content-Type").orElse(null))) {
                throw problem(Reason.ERROR_BODY, status, "HTML error page served with HTTP " + status
                        + " by " + host);
            }
            long start;
            if (status == 206) {
                start = checkContentRange(reply, offset, contentLength, host);
            } else {
                if (contentLength.isPresent() && contentLength.getAsLong() != size) {
                    // Nothing is written: an error body must not replace plausible bytes already on disk.
                    long got = contentLength.getAsLong();
                    throw problem(got <= ERROR_BODY_MAX ? Reason.ERROR_BODY : Reason.LENGTH_MISMATCH, status,
                            "expected " + size + " bytes, got " + got + " (HTTP 200 from " + host + ")");
                }
                if (offset > 0) {
                    LOG.debug("{}: {} ignored the Range request; restarting from zero", field(), host);
                    reset();
                }
                start = 0;
            }
            stream(reply, start, contentLength.orElse(-1), host);
        }

        /** @return where the 206 body starts; resets the file and throws when it does not continue our bytes */
        private long checkContentRange(Reply reply, long offset, OptionalLong contentLength, String host) {
            long size = resource.size();
            Matcher m = CONTENT_RANGE.matcher(reply.header("Content-Range").orElse(""));
            long first;
            long last;
            long total;
            try {
                if (!m.matches()) {
                    throw new NumberFormatException();
                }
                first = Long.parseLong(m.group(1));
                last = Long.parseLong(m.group(2));
                total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
            } catch (NumberFormatException e) {
                reset();
                throw problem(Reason.LENGTH_MISMATCH, 206, "unreadable Content-Range in HTTP 206 from " + host);
            }
            long bodyLength = contentLength.orElse(last - first + 1);
            if (first != offset) {
                reset();
                throw problem(Reason.LENGTH_MISMATCH, 206, "HTTP 206 from " + host + " starts at byte " + first
                        + ", asked for " + offset);
            }
            if (last - first + 1 != bodyLength || offset + bodyLength != size || (total >= 0 && total != size)) {
                reset();
                throw problem(Reason.LENGTH_MISMATCH, 206, "expected " + size + " bytes, but HTTP 206 from " + host
                        + " has bytes " + first + "-" + last + "/" + (total >= 0 ? total : "*")
                        + " (the resource changed)");
            }
            return first;
        }

        private void stream(Reply reply, long start, long declared, String host) {
            long size = resource.size();
            long expected = size - start;
            long received = 0;
            try {
                InputStream body = reply.body();
                byte[] buffer = new byte[READ_BUFFER];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    if (received + n > expected) {
                        reset();
                        throw problem(Reason.LENGTH_MISMATCH, -1, "expected " + size + " bytes, got more from "
                                + host);
                    }
                    limiter.acquire(n);
                    guard.check();
                    write(ByteBuffer.wrap(buffer, 0, n));
                    received += n;
                    transferred += n;
                    int chunk = n;
                    notifyListeners(l -> l.onBytes(resource, chunk));
                }
                reply.bodyRead();
            } catch (SocketTimeoutException e) {
                throw problem(Reason.STREAM_ERROR, -1, "no data from " + host + " for "
                        + settings.readStallTimeout().toMillis() + " ms after " + (start + received) + " of "
                        + size + " bytes");
            } catch (IOException e) {
                throw problem(Reason.STREAM_ERROR, -1, "connection to " + host + " failed after "
                        + (start + received) + " of " + size + " bytes: " + scrub(e.toString()));
            } catch (InterruptedException e) {
                throw interrupted();
            }
            if (declared >= 0 && received != declared) {
                throw problem(Reason.STREAM_ERROR, -1, "expected " + declared + " bytes, got " + received
                        + " (body cut short by " + host + ")");
            }
            if (start + received != size) {
                throw problem(Reason.LENGTH_MISMATCH, -1, "expected " + size + " bytes, got " + (start + received));
            }
        }

        /** A failed transfer whose bytes turn out to be an error page: discard them and say so. */
        private DownloadException unlessErrorBody(DownloadException e, int status) {
            if (e.reason() != Reason.STREAM_ERROR && e.reason() != Reason.LENGTH_MISMATCH || file.length() == 0) {
                return e;
            }
            try {
                if (!file.looksLikeErrorBody()) {
                    return e;
                }
                file.reset();
            } catch (IOException io) {
                return localIo("cannot check temp file " + file.path().getFileName(), io);
            }
            return problem(Reason.ERROR_BODY, status, "error page served with HTTP " + status + " (" + e.problem()
                    + ")");
        }

        /** Validates a complete file (§8.9) and hands it over. */
        private DownloadResult finish() {
            try {
                byte[] head = file.head();
                Optional<String> signature = ContentChecks.errorBodySignature(head, head.length);
                if (signature.isPresent()) {
                    file.reset();
                    throw problem(Reason.ERROR_BODY, 200, "error page served with HTTP 200 (body starts with "
                            + signature.get() + ")");
                }
                checkMagic(head);
                file.force();
            } catch (IOException e) {
                throw localIo("cannot finish temp file " + file.path().getFileName(), e);
            }
            String sha256 = file.sha256Hex();
            LOG.debug("{}: {} bytes complete in {} after {} attempt(s), {} bytes transferred", field(),
                    resource.size(), file.path().getFileName(), attempts, transferred);
            return new DownloadResult(resource, file.path(), resource.size(), sha256, attempts, refreshed,
                    transferred);
        }

        private void checkMagic(byte[] head) {
            String uti = resource.uti();
            if (ContentChecks.magic(uti, head, head.length) == ContentChecks.Magic.MISMATCH
                    && warnedTypes.add(uti)) {
                LOG.warn("{} of type {} does not start with that type's magic bytes; keeping it anyway (reported "
                        + "once per type)", field(), uti);
            }
        }

        private PartialFile openTemp(Resource r) {
            Path path = tempFiles.pathFor(r);
            try {
                Files.createDirectories(tempFiles.directory());
                return PartialFile.open(path, r.size(), tempFiles, active);
            } catch (PartialFile.BusyException e) {
                throw new DownloadException(r.field(), Reason.CONCURRENT_DOWNLOAD, -1,
                        "another download is writing the same temp file " + path.getFileName(), null);
            } catch (IOException e) {
                throw new DownloadException(r.field(), Reason.LOCAL_IO, -1, "cannot open temp file " + path + ": "
                        + e, e);
            }
        }

        private void write(ByteBuffer chunk) {
            try {
                file.append(chunk);
            } catch (IOException e) {
                throw localIo("cannot write temp file " + file.path(), e);
            }
        }

        private void reset() {
            try {
                file.reset();
            } catch (IOException e) {
                throw localIo("cannot truncate temp file " + file.path(), e);
            }
        }

        private void sleep(Duration delay) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private DownloadException statusProblem(int status, String host, Reply reply) {
            String what = "HTTP " + status + " from " + host;
            Optional<Duration> retryAfter = reply.header("Retry-After").flatMap(RetryAfter::parse);
            return switch (status) {
                case 401, 403, 404, 410 -> problem(Reason.URL_EXPIRED, status, what
                        + " (download URL expired or refused)");
                case 429, 503 -> new DownloadException(field(), Reason.THROTTLED, status, what,
                        retryAfter.orElse(null), null);
                case 416 -> {
                    reset();
                    yield problem(Reason.LENGTH_MISMATCH, status, what + " (range not satisfiable: the resource "
                            + "changed)");
                }
                default -> status == 408 || status >= 500
                        ? new DownloadException(field(), Reason.SERVER_ERROR, status, what, retryAfter.orElse(null),
                        null)
                        : problem(Reason.HTTP_STATUS, status, what);
            };
        }

        private DownloadException problem(Reason reason, int status, String text) {
            return new DownloadException(field(), reason, status, text, null);
        }

        private DownloadException localIo(String text, IOException cause) {
            return new DownloadException(field(), Reason.LOCAL_IO, -1, text + ": " + cause, cause);
        }

        private DownloadException interrupted() {
            Thread.currentThread().interrupt();
            return problem(Reason.INTERRUPTED, -1, "interrupted");
        }

        private String field() {
            return resource.field();
        }
    }

    /** Checks the URL before anything touches the network or the disk. */
    private URI requestUri(Resource resource) {
        URI uri;
        try {
            uri = new URI(encodeForUri(resource.downloadUrl().trim()));
        } catch (URISyntaxException e) {
            // no cause: its message quotes the URL
            throw new DownloadException(resource.field(), Reason.INVALID_RESOURCE, -1,
                    "the download URL is not a valid URI", null);
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new DownloadException(resource.field(), Reason.INVALID_RESOURCE, -1,
                    "the download URL has no host", null);
        }
        if (!allowlist.allows(uri)) {
            throw new DownloadException(resource.field(), Reason.HOST_NOT_ALLOWED, -1, "CDN host "
                    + CdnAllowlist.hostOf(uri) + " not allowed" + ("https".equalsIgnoreCase(uri.getScheme())
                    ? "" : " over " + uri.getScheme()), null);
        }
        return uri;
    }

    private void requireUsable(Resource resource) {
        if (resource.downloadUrl() == null || resource.downloadUrl().isBlank()) {
            throw new DownloadException(resource.field(), Reason.INVALID_RESOURCE, -1, "no download URL", null);
        }
        if (resource.size() < 0) {
            throw new DownloadException(resource.field(), Reason.INVALID_RESOURCE, -1,
                    "negative size " + resource.size(), null);
        }
        requestUri(resource);
    }

    private void notifyListeners(Consumer<DownloadListener> event) {
        for (DownloadListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A download listener failed: {}", e.toString());
            }
        }
    }

    /**
     * The URL as received, with the characters {@link URI} rejects percent-encoded — above all the braces of the
     * {@code ${f}} placeholder, which Apple expects as {@code $%7Bf%7D} (§8.6). Everything else stays untouched.
     */
    static String encodeForUri(String url) {
        StringBuilder out = new StringBuilder(url.length() + 8);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '{' -> out.append("%7B");
                case '}' -> out.append("%7D");
                case ' ' -> out.append("%20");
                case '|' -> out.append("%7C");
                case '^' -> out.append("%5E");
                case '"' -> out.append("%22");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '\\' -> out.append("%5C");
                case '`' -> out.append("%60");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Host and the first few characters of the path: enough to debug, not enough to use. */
    static String describe(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return CdnAllowlist.hostOf(uri) + (path.length() > 12 ? path.substring(0, 12) + "…" : path);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** One response: its status, headers and body, for the URI it answers (redirects are followed by hand). */
    private static final class Reply implements AutoCloseable {

        private final URI uri;
        private final HttpGet request;
        private final ClassicHttpResponse response;
        private boolean bodyRead;

        Reply(URI uri, HttpGet request, ClassicHttpResponse response) {
            this.uri = uri;
            this.request = request;
            this.response = response;
        }

        int status() {
            return response.getCode();
        }

        String host() {
            return CdnAllowlist.hostOf(uri);
        }

        Optional<String> header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
        }

        OptionalLong contentLength() {
            try {
                return header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                        .orElse(OptionalLong.empty());
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            return entity == null ? InputStream.nullInputStream() : entity.getContent();
        }

        /** The whole body was read: its connection can serve the next download. */
        void bodyRead() {
            bodyRead = true;
        }

        /**
         * Returns a fully read connection to the pool; any other is cut at once, since a graceful close would read
         * the rest of a body that may be gigabytes long.
         */
        @Override
        public void close() {
            try {
                if (bodyRead) {
                    response.close();
                } else {
                    request.cancel();
                    if (response instanceof ModalCloseable modal) {
                        modal.close(CloseMode.IMMEDIATE);
                    } else {
                        response.close();
                    }
                }
            } catch (IOException e) {
                LOG.debug("Closing a CDN response failed: {}", scrub(e.toString()));
            }
        }
    }

    /** Removes query strings from foreign messages, in case one quotes a URL. */
    static String scrub(String message) {
        return message == null ? "" : QUERY.matcher(message).replaceAll("?…");
    }
}
