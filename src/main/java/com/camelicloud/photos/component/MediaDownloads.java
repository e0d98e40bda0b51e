package com.camelicloud.photos.component;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.download.BandwidthLimiter;
import com.camelicloud.photos.download.DownloadException;
import com.camelicloud.photos.download.DownloadResult;
import com.camelicloud.photos.download.DownloadSettings;
import com.camelicloud.photos.download.MediaDownloader;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code download} operation: a {@link MediaFile} in, the validated temp file out, with the headers
 * the file component needs to publish it by renaming ({@code CamelFileName}, {@code CamelFileLocalWorkPath},
 * {@code CamelFileLastModified}). An expired URL is refreshed with one {@code records/lookup}.
 */
final class MediaDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloads.class);

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");
    /** §8.8: download URLs are good for about an hour; treat them as stale after 45 minutes. */
    private static final Duration URL_LIFETIME = Duration.ofMinutes(45);

    private final ICloudAccount account;
    private final MediaDownloader downloader;

    MediaDownloads(ICloudAccount account, ICloudPhotosConfiguration config) {
        this.account = account;
        if (config.getTempDirectory() == null || config.getTempDirectory().isBlank()) {
            throw new IllegalArgumentException("icloud-photos download needs tempDirectory (on the destination's filesystem)");
        }
        long bandwidth = config.getBandwidthLimit() == null || config.getBandwidthLimit().isBlank()
                ? 0 : BandwidthLimiter.parse(config.getBandwidthLimit());
        DownloadSettings settings = DownloadSettings.builder(Path.of(config.getTempDirectory()))
                .tempSuffix(config.getTempSuffix())
                .maxRetries(config.getMaxRetries())
                .initialRetryDelay(Duration.ofSeconds(config.getRetryDelay()))
                .bandwidthLimit(bandwidth)
                .userAgent(account.http().userAgent())
                .webHome(account.endpoints().home())
                .extraAllowedHosts(trustedHosts(account))
                .build();
        this.downloader = new MediaDownloader(settings, config.getDownloadSlots());
        downloader.setGuard(config.getDownloadGuard());
        downloader.deleteStaleTempFiles();
    }

    /**
     * Hosts the user pointed the tool at explicitly are trusted to serve media too; a fake or proxy on
     * loopback may answer under any loopback name.
     */
    private static Set<String> trustedHosts(ICloudAccount account) {
        Set<String> hosts = new HashSet<>(account.endpoints().overriddenHosts());
        if (hosts.stream().anyMatch(LOOPBACK::contains)) {
            hosts.addAll(LOOPBACK);
        }
        return hosts;
    }

    /**
     * Releases the CDN connections. The temp folder lives in the user's destination: it is removed when it holds
     * nothing (and left alone when it is no folder: that is not ours).
     */
    void close() {
        downloader.close();
        Path directory = downloader.tempFiles().directory();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException kept) {
            // partial downloads to resume next time
        } catch (IOException e) {
            LOG.debug("Could not remove the temp folder {}: {}", directory, e.getMessage());
        }
    }

    void download(Exchange exchange) {
        MediaFile task = exchange.getMessage().getBody(MediaFile.class);
        if (task == null) {
            throw new IllegalArgumentException("icloud-photos download expects a MediaFile body (the sync's FileTask)");
        }
        if (task.getUrlBatch() != null && task.getUrlBatch().urlsFetchedAt().isBefore(Instant.now().minus(URL_LIFETIME))) {
            refresh(task, task.getResource());
        }
        if (task.getResource() == null) {
            throw new DownloadException(task.getRendition(), DownloadException.Reason.RESOURCE_GONE, -1,
                    task.getRelativePath() + " is no longer in iCloud", null);
        }
        DownloadResult result = downloader.download(task.getResource(), stale -> refresh(task, stale));
        Message message = exchange.getMessage();
        message.setHeader(Exchange.FILE_NAME, task.getRelativePath());
        message.setHeader(Exchange.FILE_LOCAL_WORK_PATH, result.file().toString());
        if (task.getModified() != null) {
            message.setHeader(Exchange.FILE_LAST_MODIFIED, task.getModified().toEpochMilli());
        }
        message.setHeader(ICloudPhotosConstants.SHA256, result.sha256());
        message.setHeader(ICloudPhotosConstants.FILE_SIZE, result.size());
        message.setHeader(ICloudPhotosConstants.BYTES_TRANSFERRED, result.bytesTransferred());
        message.setBody(result.file().toFile());
    }

    /**
     * §8.8: fresh URLs come from records/lookup, never from re-listing, and for the whole page at once (batches of
     * 100 names): the URLs of one answer expire together. The first thread to find a stale URL refreshes them all.
     */
    private Resource refresh(MediaFile task, Resource stale) {
        UrlBatch page = task.getUrlBatch();
        if (page == null) {
            refreshAll(List.of(task));
            return task.getResource();
        }
        synchronized (page) {
            if (task.getResource() == stale) {
                List<MediaFile> pending = new ArrayList<>(page.pendingFiles());
                if (!pending.contains(task)) {
                    pending.add(task);
                }
                refreshAll(pending);
                page.urlsRefreshed();
            }
            return task.getResource();
        }
    }

    private void refreshAll(List<MediaFile> tasks) {
        List<String> names = new ArrayList<>();
        for (MediaFile task : tasks) {
            PhotoAsset asset = task.getAsset();
            names.add(asset.assetId());
            names.add(asset.masterId());
        }
        ZoneId zone = tasks.get(0).getZone();
        Map<String, CkRecord> byName = account.cloudKit().lookup(zone, names.stream().distinct().toList()).stream()
                .filter(r -> !r.isTombstone() && r.serverErrorCode() == null && r.recordType() != null)
                .collect(Collectors.toMap(CkRecord::recordName, Function.identity(), (a, b) -> b));
        for (MediaFile task : tasks) {
            PhotoAsset asset = task.getAsset();
            CkRecord freshMaster = byName.get(asset.masterId());
            CkRecord freshAsset = byName.getOrDefault(asset.assetId(), asset.asset());
            task.refreshed(freshMaster == null || task.getResource() == null ? null
                    : new PhotoAsset(asset.zoneName(), freshAsset, freshMaster).resource(task.getResource().field())
                    .orElse(null));
        }
    }
}
