package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.library.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One download of one resource, attempt by attempt, into its temp file: each attempt asks the CDN for the bytes still
 * missing and streams them in under the bandwidth cap; a failed one goes to {@link FailureRecovery}. Its state lives
 * here so that the {@link MediaDownloader} itself stays stateless between threads.
 */
final class Download {

    private static final Logger LOG = LoggerFactory.getLogger(Download.class);

    /** Bytes read from the socket at a time. */
    private static final int READ_BUFFER = 64 * 1024;

    private final MediaDownloader downloader;
    private final UrlRefresher refresher;
    private final FailureRecovery recovery;
    private Resource resource;
    private PartialFile file;
    private int attempts;
    private long transferred;

    Download(MediaDownloader downloader, Resource resource, UrlRefresher refresher) {
        this.downloader = downloader;
        this.resource = resource;
        this.refresher = refresher;
        this.recovery = new FailureRecovery(downloader.settings().retryPolicy(), refresher != null);
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
                    downloader.guard().check();
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
        FailureRecovery.Step step = recovery.after(problem, attempts);
        if (step.refreshUrl()) {
            LOG.info("{}: {}; refreshing the download URL", field(), problem.problem());
            refreshUrl(problem);
            return;
        }
        Duration delay = step.delay();
        LOG.info("{}: {}; retry {}/{} in {} ms{}", field(), problem.problem(), step.retry(), recovery.maxRetries(),
                delay.toMillis(), file.length() > 0 ? " from byte " + file.length() : "");
        sleep(delay);
    }

    private void refreshUrl(DownloadException problem) {
        Resource fresh;
        try {
            fresh = refresher.refresh(resource);
        } catch (DownloadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DownloadException(resource.field(), Reason.REFRESH_FAILED, problem.httpStatus(),
                    problem.problem() + "; refreshing the URL failed: " + CdnUrls.scrub(e.toString()), e);
        }
        if (fresh == null || fresh.downloadUrl() == null || fresh.downloadUrl().isBlank()) {
            throw DownloadException.of(resource.field(), Reason.RESOURCE_GONE, problem.httpStatus(),
                    problem.problem() + "; the resource no longer exists");
        }
        CdnUrls.requireUsable(fresh, downloader.allowlist());
        if (!downloader.tempFiles().pathFor(fresh).equals(file.path()) || fresh.size() != resource.size()) {
            // another version now: the bytes so far belong to the old one
            LOG.info("{}: the resource changed on the server; starting over", field());
            file.discard();
            file = openTemp(fresh);
        }
        resource = fresh;
    }

    /** One HTTP request; on return the file is complete, otherwise it throws. */
    private void fetch() {
        URI uri = CdnUrls.requestUri(resource, downloader.allowlist());
        long offset = file.length();
        // Closing a response whose body was not read to the end drops its connection instead of reusing it.
        try (DownloadSlots.Slot slot = takeSlot(); CdnReply reply = downloader.cdn().get(uri, offset, field())) {
            int status = reply.status();
            if (status != 200 && status != 206) {
                if (status == 416) {
                    file.truncate(field());
                }
                throw reply.statusProblem(field());
            }
            try {
                receive(reply, offset);
            } catch (DownloadException e) {
                throw unlessErrorBody(e, status);
            }
        }
    }

    /** Checks a 200/206 answer's headers, then streams its body into the file. */
    private void receive(CdnReply reply, long offset) {
        if (ContentChecks.isHtml(reply.header("Content-Type").orElse(null))) {
            throw DownloadException.of(field(), Reason.ERROR_BODY, reply.status(), "HTML error page served with HTTP "
                    + reply.status() + " by " + reply.host());
        }
        long start = ResumeCheck.bodyStart(reply, offset, file, resource);
        stream(reply, start, reply.contentLength().orElse(-1));
    }

    private void stream(CdnReply reply, long start, long declared) {
        String host = reply.host();
        long size = resource.size();
        long expected = size - start;
        long received = 0;
        try {
            InputStream body = reply.body();
            byte[] buffer = new byte[READ_BUFFER];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (received + n > expected) {
                    file.truncate(field());
                    throw DownloadException.of(field(), Reason.LENGTH_MISMATCH, -1, "expected " + size
                            + " bytes, got more from " + host);
                }
                downloader.bandwidthLimiter().acquire(n);
                downloader.guard().check();
                write(ByteBuffer.wrap(buffer, 0, n));
                received += n;
                transferred += n;
            }
            reply.bodyRead();
        } catch (SocketTimeoutException e) {
            throw DownloadException.of(field(), Reason.STREAM_ERROR, -1, "no data from " + host + " for "
                    + downloader.settings().readStallTimeout().toMillis() + " ms after " + (start + received)
                    + " of " + size + " bytes");
        } catch (IOException e) {
            throw DownloadException.of(field(), Reason.STREAM_ERROR, -1, "connection to " + host + " failed after "
                    + (start + received) + " of " + size + " bytes: " + CdnUrls.scrub(e.toString()));
        } catch (InterruptedException e) {
            throw DownloadException.interrupted(field());
        }
        if (declared >= 0 && received != declared) {
            throw DownloadException.of(field(), Reason.STREAM_ERROR, -1, "expected " + declared + " bytes, got "
                    + received + " (body cut short by " + host + ")");
        }
        if (start + received != size) {
            throw DownloadException.of(field(), Reason.LENGTH_MISMATCH, -1, "expected " + size + " bytes, got "
                    + (start + received));
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
            return DownloadException.localIo(field(), "cannot check temp file " + file.path().getFileName(), io);
        }
        return DownloadException.of(field(), Reason.ERROR_BODY, status, "error page served with HTTP " + status
                + " (" + e.problem() + ")");
    }

    /** Validates a complete file (§8.9), writes it to the device and hands it over. */
    private DownloadResult finish() {
        downloader.completeFileCheck().check(file, resource);
        try {
            file.force();
        } catch (IOException e) {
            throw DownloadException.localIo(field(), "cannot finish temp file " + file.path().getFileName(), e);
        }
        String sha256 = file.sha256Hex();
        LOG.debug("{}: {} bytes complete in {} after {} attempt(s), {} bytes transferred", field(), resource.size(),
                file.path().getFileName(), attempts, transferred);
        return new DownloadResult(resource, file.path(), resource.size(), sha256, attempts, recovery.refreshed(),
                transferred);
    }

    private PartialFile openTemp(Resource r) {
        TempFiles tempFiles = downloader.tempFiles();
        Path path = tempFiles.pathFor(r);
        try {
            try {
                return PartialFile.open(path, r.size(), tempFiles, downloader.activeTempFiles());
            } catch (NoSuchFileException noDirectory) {
                // made on the first download (and again if something removed it), not checked on every one:
                // createDirectories throws and catches an exception per call when the directory exists
                Files.createDirectories(tempFiles.directory());
                return PartialFile.open(path, r.size(), tempFiles, downloader.activeTempFiles());
            }
        } catch (PartialFile.BusyException e) {
            throw DownloadException.of(r.field(), Reason.CONCURRENT_DOWNLOAD, -1,
                    "another download is writing the same temp file " + path.getFileName());
        } catch (IOException e) {
            throw new DownloadException(r.field(), Reason.LOCAL_IO, -1, "cannot open temp file " + path + ": " + e, e);
        }
    }

    private void write(ByteBuffer chunk) {
        try {
            file.append(chunk);
        } catch (IOException e) {
            throw DownloadException.localIo(field(), "cannot write temp file " + file.path(), e);
        }
    }

    private DownloadSlots.Slot takeSlot() {
        try {
            return downloader.slots().take();
        } catch (InterruptedException e) {
            throw DownloadException.interrupted(field());
        }
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            throw DownloadException.interrupted(field());
        }
    }

    private String field() {
        return resource.field();
    }
}
