package com.camelicloud.photos.layout;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;

/**
 * The three layout settings together: where one rendition of one asset may go, as paths relative to the
 * destination root, best first. The caller walks the list with its own knowledge of what is on disk.
 */
public final class PhotoLayout {

    private final FolderStructure folders;
    private final FileNames names;
    private final FileMatchPolicy matchPolicy;

    public PhotoLayout(FolderStructure folders, FileNames names, FileMatchPolicy matchPolicy) {
        this.folders = Objects.requireNonNull(folders, "folders");
        this.names = Objects.requireNonNull(names, "names");
        this.matchPolicy = Objects.requireNonNull(matchPolicy, "matchPolicy");
    }

    /** A layout from the CLI spellings of its settings; each bad value fails with a message naming its flag. */
    public static PhotoLayout of(String folderStructure, boolean keepUnicode, String liveMovFilenamePolicy,
                                 String fileMatchPolicy) {
        FileNameSanitizer sanitizer = FileNameSanitizer.of(keepUnicode);
        return new PhotoLayout(FolderStructure.parse(folderStructure, sanitizer),
                new FileNames(sanitizer, LiveMovNamePolicy.parse(liveMovFilenamePolicy)),
                FileMatchPolicy.parse(fileMatchPolicy));
    }

    /**
     * The settings that decide paths, as one string: a stored file laid out under another profile is moved to its
     * path under this one. Album links and folders of other libraries follow from the same settings.
     */
    public String profile() {
        return "folders=" + folders.pattern() + ";" + names.profile() + ";match=" + matchPolicy.cliName();
    }

    public FolderStructure folders() {
        return folders;
    }

    /** An {album} layout: album changes move links between album folders (routes/changes.yaml). */
    public boolean usesAlbumFolders() {
        return folders.usesAlbum();
    }

    public FileNames names() {
        return names;
    }

    public FileMatchPolicy matchPolicy() {
        return matchPolicy;
    }

    /**
     * Candidate paths for {@code rendition} of {@code asset}, stored in {@code resource}.
     *
     * @param fallbackZone the zone for assets without a recorded offset (docs/protocol.md §5.16)
     * @param album        the path of the album this copy is filed under (its folders, then its name); empty for none
     */
    public List<String> candidatePaths(PhotoAsset asset, Rendition rendition, Resource resource, ZoneId fallbackZone,
                                       List<String> album) {
        String folder = folder(asset, fallbackZone, album);
        FileName name = names.name(asset, rendition, resource);
        long size = resource == null ? -1 : resource.size();
        // Edits live on the CPLAsset, so two assets sharing one master may carry different adjusted files.
        String assetId = rendition == Rendition.ADJUSTED || rendition == Rendition.LIVE_ADJUSTED
                ? asset.assetId() : null;
        return matchPolicy.candidates(name, size, asset.masterId(), assetId).stream()
                .map(fileName -> FolderStructure.join(folder, fileName))
                .toList();
    }

    /** The folder of {@code asset}: its capture-local date, the album and its zone, per the folder pattern. */
    public String folder(PhotoAsset asset, ZoneId fallbackZone, List<String> album) {
        ZonedDateTime captured = asset.localCaptureTime(fallbackZone).orElse(null);
        return folders.render(captured, album, asset.zoneName());
    }
}
