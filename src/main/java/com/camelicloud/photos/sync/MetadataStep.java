package com.camelicloud.photos.sync;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.component.ICloudPhotosConstants;
import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.LocalDestination;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Sha256;
import com.camelicloud.photos.library.UniformTypes;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.metadata.MetadataWriter;
import com.camelicloud.photos.metadata.Outcome;
import com.camelicloud.photos.metadata.PhotoMetadata;
import com.camelicloud.photos.metadata.XmpSidecar;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.SyncStateRepository;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata options of a download: EXIF and XMP written into the temp file before it is published, and
 * an {@code .xmp} sidecar next to the published file when asked for, or when the format cannot be edited.
 *
 * <p>When what iCloud says changes later (a favourite, a caption), the item's stored files are rewritten the same way,
 * without a download: each is copied from the destination into a temp file, rewritten there, and published over the
 * stored file by the {@code publish} route (an atomic rename for a folder, a new object on S3, a temp name renamed
 * on SFTP); its new size and hash go into the state with the page.
 */
public class MetadataStep {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataStep.class);

    private final MetadataOptions options;
    private final Destination destination;
    private final Path stagingDirectory;
    private final String tempSuffix;
    private final SyncStateRepository state;
    private final boolean keepsHidden;
    private final MetadataWriter writer = new MetadataWriter();
    private final XmpSidecar sidecars = new XmpSidecar();

    /**
     * @param stagingDirectory where a sidecar for a remote destination is written before it is uploaded, and where
     *                         stored files are rewritten (inside the destination, for an atomic rename)
     * @param tempSuffix       of those rewritten copies, so that a crash leaves nothing the temp clean-up misses
     * @param onHidden         {@code policy.on-hidden}: with {@code keep}, hidden items are part of the copy
     */
    public MetadataStep(MetadataOptions options, Destination destination, String stagingDirectory, String tempSuffix,
                        SyncStateRepository state, String onHidden) {
        this.options = options;
        this.destination = destination;
        this.stagingDirectory = Path.of(stagingDirectory);
        this.tempSuffix = tempSuffix;
        this.state = state;
        this.keepsHidden = "keep".equals(onHidden);
    }

    /**
     * The item's stored files whose metadata is not what iCloud says now (the {@code refresh-metadata} route, once the
     * page's downloads are done), as tasks that replace them: those at their path, but not one this change downloaded
     * (its download carries it already). A file of the item's master that other items show too (an iOS duplicate, a
     * photo in both libraries) carries the metadata of one of them, the same whatever the history: the first of those
     * in the copy, PrimarySync's before a Shared Library's, then by record name; an item that leaves the copy has the
     * others seen again after the page, for the next one to take over. When none of its files is set aside, the change
     * records that the item's files carry the current metadata; the record is only committed once their rewrites went
     * through.
     */
    public List<FileTask> staleFiles(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        PhotoAsset asset = change.getAsset();
        if (!options.any() || (asset == null && change.getType() != ChangeType.ASSET_PURGED)) {
            return List.of();
        }
        String masterId = asset != null ? asset.masterId() : change.getPrevious() == null ? null
                : change.getPrevious().masterId();
        Map<ItemKey, Boolean> others = masterId == null ? Map.of() : othersShowing(change, page, masterId);
        ItemKey self = new ItemKey(change.getZone().zoneName(), change.getRecordName());
        boolean inCopy = asset != null && inCopy(asset.isDeleted(), asset.isHidden());
        List<ItemKey> othersInCopy = others.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .toList();
        if (!inCopy) {
            othersInCopy.forEach(other -> page.offerAgain(other.zoneName(), other.assetId()));
        }
        if (asset == null) {
            return List.of();
        }
        String digest = options.digest(PhotoMetadata.of(asset));
        if (others.isEmpty() && change.getPrevious() != null && digest.equals(change.getPrevious().metadataDigest())) {
            return List.of();
        }
        boolean decidesMaster = othersInCopy.isEmpty() || (inCopy && othersInCopy.stream().allMatch(self::before));
        Map<String, MediaFileState> files = new LinkedHashMap<>();
        boolean setAside = collectFiles(change, masterId, files);
        String masterPrefix = masterId + "/";
        boolean showsMaster = masterId != null && files.keySet().stream().anyMatch(key -> key.startsWith(masterPrefix));
        if (!decidesMaster) {
            files.keySet().removeIf(fileKey -> fileKey.startsWith(masterPrefix));
            // downloaded with this item's metadata: the item that decides it writes its own once this page is in
            if (change.getFiles().stream().anyMatch(task -> task.getChange() == change
                    && task.getOutcome() == FileTask.Outcome.DOWNLOADED && task.getFileKey().startsWith(masterPrefix))) {
                othersInCopy.stream().reduce((a, b) -> a.before(b) ? a : b)
                        .ifPresent(first -> page.offerAgain(first.zoneName(), first.assetId()));
            }
        }
        if (!setAside) {
            // a file another item decides does not carry this one's metadata
            change.metadataWritten(decidesMaster || !showsMaster ? digest : null);
        }
        Instant captured = asset.captureTime().orElse(null);
        List<FileTask> stale = new ArrayList<>();
        for (MediaFileState file : files.values()) {
            FileTask task = new FileTask(change, file.fileKey(), file.rendition(), null, file.path(), captured,
                    file.attempts(), file.layout());
            task.replaces();
            // what the state records of the file, until it is rewritten
            task.completed(FileTask.Outcome.ALREADY_PRESENT, file.size() == null ? -1 : file.size(), file.sha256());
            stale.add(task);
        }
        return stale;
    }

    /**
     * Fills {@code files} with the item's stored files at their path (as the change leaves them), but not one this
     * change downloaded; returns whether one of them is set aside in a quarantine folder.
     */
    private boolean collectFiles(LibraryChange change, String masterId, Map<String, MediaFileState> files) {
        Map<String, Placement> placed = change.placements();
        boolean setAside = false;
        if (masterId != null) {
            for (MediaFileState file : state.filesShownBy(change.getZone().zoneName(), change.getRecordName(),
                    masterId)) {
                Placement placement = placed.getOrDefault(file.fileKey(), Placement.fromId(file.placement()));
                setAside |= placement == Placement.DELETED_QUARANTINE || placement == Placement.HIDDEN_QUARANTINE;
                // a copy verify found damaged is downloaded again, with the current metadata
                if (placement == Placement.LIVE && !file.damaged()) {
                    files.put(file.fileKey(), file);
                }
            }
        }
        for (FileTask task : change.getFiles()) {
            if (task.getOutcome() == FileTask.Outcome.DOWNLOADED && task.getChange() == change) {
                files.remove(task.getFileKey());
            } else if (task.isDone()) {
                // adopted, moved to where the layout puts it now, or downloaded for another item of the page
                files.put(task.getFileKey(), task.asStored());
            }
        }
        return setAside;
    }

    /** An item, in the order that decides which of the items showing one file writes its metadata. */
    private record ItemKey(String zoneName, String assetId) {
        boolean before(ItemKey other) {
            boolean primary = ZoneId.PRIMARY.equals(zoneName);
            if (primary != ZoneId.PRIMARY.equals(other.zoneName)) {
                return primary;
            }
            int byZone = zoneName.compareTo(other.zoneName);
            return byZone != 0 ? byZone < 0 : assetId.compareTo(other.assetId) < 0;
        }
    }

    /** Whether an item's files are part of the copy: not deleted, and not hidden unless hidden photos are kept. */
    private boolean inCopy(boolean deleted, boolean hidden) {
        return !deleted && (!hidden || keepsHidden);
    }

    /** The other items showing the master, as the page leaves them, each with whether it is in the copy. */
    private Map<ItemKey, Boolean> othersShowing(LibraryChange change, ChangePage page, String masterId) {
        Map<ItemKey, Boolean> others = new LinkedHashMap<>();
        for (AssetState other : state.activeAssetsOfMaster(masterId)) {
            others.put(new ItemKey(other.zoneName(), other.assetId()), inCopy(other.deleted(), other.hidden()));
        }
        for (LibraryChange other : page.getChanges()) {
            ItemKey key = new ItemKey(other.getZone().zoneName(), other.getRecordName());
            if (other.getAsset() != null && masterId.equals(other.getAsset().masterId())) {
                others.put(key, inCopy(other.getAsset().isDeleted(), other.getAsset().isHidden()));
            } else if (other.getType() == ChangeType.ASSET_PURGED) {
                others.remove(key);
            }
        }
        others.remove(new ItemKey(change.getZone().zoneName(), change.getRecordName()));
        return others;
    }

    /**
     * Copies a stored file (the task's) into a temp file and writes the item's metadata into it: the body is then
     * that temp file, with the headers the {@code publish} route needs, or null when the file already carries it (or
     * its format is not edited: only its sidecar is then rewritten, see {@link #sidecar}). The size and hash headers
     * say what the file holds now in both cases.
     */
    public void rewrite(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task, Exchange exchange) throws IOException {
        String uti = UniformTypes.ofFileName(task.getRelativePath()).orElse(null);
        Files.createDirectories(stagingDirectory);
        Path copy = Files.createTempFile(stagingDirectory, "metadata-", tempSuffix);
        Message message = exchange.getMessage();
        message.setBody(null);
        try {
            boolean copied = options.anyInFile() && MetadataWriter.edits(uti);
            if (copied) {
                try (InputStream stored = destination.read(task.getRelativePath())) {
                    Files.copy(stored, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Outcome outcome = writer.apply(copy, uti, metadataOf(task), options);
            exchange.setProperty(SyncProperties.METADATA_OUTCOME, outcome);
            if (copied) {
                message.setHeader(ICloudPhotosConstants.FILE_SIZE, size(copy));
                message.setHeader(ICloudPhotosConstants.SHA256, sha256(copy));
            }
            if (!outcome.modified()) {
                Files.deleteIfExists(copy);
                return;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        message.setHeader(Exchange.FILE_NAME, task.getRelativePath());
        message.setHeader(Exchange.FILE_LOCAL_WORK_PATH, copy.toString());
        if (task.getModified() != null) {
            message.setHeader(Exchange.FILE_LAST_MODIFIED, task.getModified().toEpochMilli());
        }
        message.setBody(copy.toFile());
        LOG.info("Rewrote the metadata of {}", task.getRelativePath());
    }

    /**
     * After {@link #rewrite} (and the publishing of what it wrote): when the stored file's bytes are no longer those
     * the state records, its new size and hash go with the page and the body becomes the file as stored; else null.
     * A file rewritten by a run that stopped before its page was committed is recorded this way on the replay, which
     * finds the metadata already written.
     */
    public MediaFileState rewritten(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task,
                                    @Header(ICloudPhotosConstants.SHA256) String sha256,
                                    @Header(ICloudPhotosConstants.FILE_SIZE) Long size) {
        if (sha256 == null || sha256.equals(task.getSha256())) {
            return null;
        }
        task.completed(FileTask.Outcome.DOWNLOADED, size, sha256);
        MediaFileState stored = task.asStored();
        task.getChange().rewritten(stored);
        return stored;
    }

    /** Writes the asked-for tags into the downloaded temp file (the body); updates its size and hash headers. */
    public void embed(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task, Exchange exchange)
            throws InvalidPayloadException {
        if (!options.any()) {
            return;
        }
        Path file = exchange.getMessage().getMandatoryBody(File.class).toPath();
        Outcome outcome = writer.apply(file, task.getResource().uti(), metadataOf(task), options);
        exchange.setProperty(SyncProperties.METADATA_OUTCOME, outcome);
        if (outcome.modified()) {
            exchange.getMessage().setHeader(ICloudPhotosConstants.FILE_SIZE, size(file));
            exchange.getMessage().setHeader(ICloudPhotosConstants.SHA256, sha256(file));
        }
    }

    /**
     * After publishing (or rewriting): the {@code .xmp} sidecar, when asked for or when the file itself could not take
     * the tags.
     */
    public void sidecar(@ExchangeProperty(SyncProperties.METADATA_OUTCOME) Outcome outcome,
                        @ExchangeProperty(SyncProperties.FILE_TASK) FileTask task) {
        if (outcome == null || !outcome.needsSidecar(options)) {
            return;
        }
        try {
            if (destination instanceof LocalDestination local) {
                // Merged into an existing sidecar: darktable keeps its edit history there.
                sidecars.write(local.resolve(task.getRelativePath()), metadataOf(task));
            } else {
                Files.createDirectories(stagingDirectory);
                Path staged = Files.createTempFile(stagingDirectory, "sidecar", ".xmp");
                Files.write(staged, sidecars.bytes(metadataOf(task)));
                destination.store(staged, sidecars.nameFor(task.getRelativePath()));
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XMP sidecar of " + task.getRelativePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static PhotoMetadata metadataOf(FileTask task) {
        return PhotoMetadata.of(task.getChange().getAsset());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        return Sha256.of(file);
    }
}
