package com.camelicloud.photos.sync;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.camelicloud.photos.layout.RawAlignment;
import com.camelicloud.photos.layout.Rendition;
import com.camelicloud.photos.library.MediaKind;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;

/**
 * Which items and which renditions of them the destination keeps: kei's content and size options
 * (docs/protocol.md §8.1–8.2). Configured with the CLI spellings through setters (so YAML can declare it),
 * checked by {@link #init()}, whose errors name the flag and the accepted values. Its {@link #profile()}
 * is stored with every item: when the settings change, items fetched under the old ones are planned again.
 */
public class ContentPolicy {

    /** A rendition to keep and the resource it comes from. */
    public record Wanted(Rendition rendition, Resource resource) {
    }

    /** How Live Photos are handled: both files, only the still, only the video, or neither. */
    public enum LiveMode {
        BOTH, IMAGE_ONLY, VIDEO_ONLY, SKIP;

        static LiveMode parse(String value) {
            for (LiveMode mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Invalid value '" + value + "' for --live-photo-mode; accepted values: "
                    + "both, image-only, video-only, skip");
        }
    }

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*([hdwmy])", Pattern.CASE_INSENSITIVE);
    /** Smart albums matched by name as well as user albums (icloudpd's names). */
    static final String FAVORITES = "Favorites";

    private String sizes = "original";
    private String livePhotoMode = "both";
    private String livePhotoSize = "original";
    private boolean forceSize;
    private String alignRaw = "as-is";
    private boolean skipVideos;
    private boolean skipPhotos;
    private String filenameExcludes = "";
    private String skipCreatedBefore = "";
    private String skipCreatedAfter = "";
    private String albums = "";
    private String excludeAlbums = "";
    private int recent;

    private List<Rendition> stills = List.of(Rendition.ORIGINAL);
    private LiveMode liveMode = LiveMode.BOTH;
    private Rendition liveRendition = Rendition.LIVE_ORIGINAL;
    private RawAlignment rawAlignment = RawAlignment.AS_IS;
    private List<PathMatcher> excludedNames = List.of();
    private Instant createdBefore;
    private Instant createdAfter;
    private Set<String> includedAlbums = Set.of();
    private Set<String> excludedAlbums = Set.of();
    private String profile;

    /** Parses and checks every setting; throws IllegalArgumentException naming the flag. */
    public ContentPolicy init() {
        List<Rendition> parsed = new ArrayList<>();
        for (String size : list(sizes)) {
            Rendition rendition = Rendition.parseSize(size);
            if (!parsed.contains(rendition)) {
                parsed.add(rendition);
            }
        }
        stills = parsed.isEmpty() ? List.of(Rendition.ORIGINAL) : List.copyOf(parsed);
        liveMode = LiveMode.parse(livePhotoMode);
        liveRendition = Rendition.parseLiveSize(livePhotoSize);
        rawAlignment = RawAlignment.parse(alignRaw);
        if (skipVideos && skipPhotos) {
            throw new IllegalArgumentException("--skip-videos and --skip-photos together would skip everything; give one");
        }
        excludedNames = list(filenameExcludes).stream().map(ContentPolicy::globMatcher).toList();
        createdBefore = instant("--skip-created-before", skipCreatedBefore);
        createdAfter = instant("--skip-created-after", skipCreatedAfter);
        if (createdBefore != null && createdAfter != null && !createdBefore.isBefore(createdAfter)) {
            throw new IllegalArgumentException("--skip-created-before (" + skipCreatedBefore
                    + ") must be earlier than --skip-created-after (" + skipCreatedAfter + "), or nothing is left");
        }
        includedAlbums = names(albums);
        excludedAlbums = names(excludeAlbums);
        if (recent < 0) {
            throw new IllegalArgumentException("--recent must be a positive number of photos, not " + recent);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sizes", stills.stream().map(Rendition::cliName).toList());
        settings.put("live", liveMode.name() + ":" + liveRendition.cliName());
        settings.put("force", forceSize);
        settings.put("raw", rawAlignment.cliName());
        settings.put("skipVideos", skipVideos);
        settings.put("skipPhotos", skipPhotos);
        settings.put("exclude", list(filenameExcludes));
        settings.put("before", skipCreatedBefore.trim());
        settings.put("after", skipCreatedAfter.trim());
        settings.put("albums", includedAlbums);
        settings.put("excludeAlbums", excludedAlbums);
        settings.put("recent", recent);
        profile = settings.toString();
        return this;
    }

    /** Identity of these settings, stored with each item. */
    public String profile() {
        if (profile == null) {
            init();
        }
        return profile;
    }

    /**
     * Why an item is not kept at all, or empty when it is.
     *
     * @param albumNames the user albums the item is in
     */
    public Optional<String> exclusion(PhotoAsset asset, Set<String> albumNames) {
        profile();
        MediaKind kind = asset.kind();
        if (skipVideos && kind == MediaKind.VIDEO) {
            return Optional.of("video");
        }
        if (skipPhotos && kind == MediaKind.IMAGE) {
            return Optional.of("photo");
        }
        if (asset.isLivePhoto() && liveMode == LiveMode.SKIP) {
            return Optional.of("live-photo");
        }
        String name = asset.filename().orElse("").toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && excludedNames.stream().anyMatch(matcher -> matcher.matches(Path.of(name)))) {
            return Optional.of("filename");
        }
        Optional<Instant> taken = asset.captureTime();
        if (taken.isPresent() && ((createdBefore != null && taken.get().isBefore(createdBefore))
                || (createdAfter != null && taken.get().isAfter(createdAfter)))) {
            return Optional.of("date");
        }
        Set<String> memberOf = new LinkedHashSet<>();
        albumNames.forEach(album -> memberOf.add(album.toLowerCase(Locale.ROOT)));
        if (asset.isFavorite()) {
            memberOf.add(FAVORITES.toLowerCase(Locale.ROOT));
        }
        if (!includedAlbums.isEmpty() && memberOf.stream().noneMatch(includedAlbums::contains)) {
            return Optional.of("album");
        }
        if (memberOf.stream().anyMatch(excludedAlbums::contains)) {
            return Optional.of("excluded-album");
        }
        return Optional.empty();
    }

    /**
     * The files an item needs (§8.1): the selected sizes of the still (a missing one falls back to the
     * original unless {@code --force-size}), and a Live Photo's motion video per the live mode. Empty when
     * {@code --force-size} finds a size missing.
     */
    public List<Wanted> renditions(PhotoAsset asset) {
        profile();
        boolean live = asset.isLivePhoto();
        boolean swap = rawAlignment.shouldSwap(asset.resource(PhotoAsset.ORIGINAL).map(Resource::uti).orElse(asset.itemType()),
                asset.resource(PhotoAsset.ALTERNATIVE).map(Resource::uti).orElse(null));
        Map<String, Wanted> byResource = new LinkedHashMap<>();
        if (!live || liveMode != LiveMode.VIDEO_ONLY) {
            for (Rendition rendition : stills) {
                Optional<Resource> resource = resourceOf(asset, rendition, swap);
                if (resource.isEmpty() && forceSize) {
                    return List.of();
                }
                // A fallback, and "adjusted" of an unedited item, are the original and are named so.
                Rendition named = resource.isPresent() && (rendition != Rendition.ADJUSTED || asset.isEdited())
                        ? rendition : Rendition.ORIGINAL;
                Optional<Resource> chosen = resource.or(() -> resourceOf(asset, Rendition.ORIGINAL, swap));
                chosen.ifPresent(r -> byResource.putIfAbsent(r.field() + r.checksum(), new Wanted(named, r)));
            }
        }
        if (live && (liveMode == LiveMode.BOTH || liveMode == LiveMode.VIDEO_ONLY)) {
            Optional<Resource> video = resourceOf(asset, liveRendition, false);
            if (video.isEmpty() && forceSize) {
                return List.of();
            }
            Rendition named = video.isPresent() ? liveRendition : Rendition.LIVE_ORIGINAL;
            video.or(() -> asset.resource(PhotoAsset.LIVE_VIDEO))
                    .ifPresent(r -> byResource.putIfAbsent(r.field() + r.checksum(), new Wanted(named, r)));
        }
        return List.copyOf(byResource.values());
    }

    /** The resource field of a rendition for this item's kind (§8.1), honouring the RAW alignment swap. */
    private static Optional<Resource> resourceOf(PhotoAsset asset, Rendition rendition, boolean swap) {
        boolean video = asset.kind() == MediaKind.VIDEO;
        return switch (rendition) {
            case ORIGINAL -> asset.resource(swap ? PhotoAsset.ALTERNATIVE : PhotoAsset.ORIGINAL);
            case ALTERNATIVE -> video ? Optional.empty() : asset.resource(swap ? PhotoAsset.ORIGINAL : PhotoAsset.ALTERNATIVE);
            case MEDIUM -> asset.resource(video ? "resVidMed" : "resJPEGMed");
            case THUMB -> asset.resource(video ? "resVidSmall" : "resJPEGThumb");
            // An unedited item has no rendered edit: its original is what "adjusted" means (§8.1).
            case ADJUSTED -> asset.isEdited() ? asset.resource(video ? "resVidFull" : "resJPEGFull")
                    .or(() -> asset.resource(PhotoAsset.ORIGINAL)) : asset.resource(PhotoAsset.ORIGINAL);
            case LIVE_ORIGINAL -> asset.resource(PhotoAsset.LIVE_VIDEO);
            case LIVE_MEDIUM -> asset.resource("resVidMed");
            case LIVE_THUMB -> asset.resource("resVidSmall");
            case LIVE_ADJUSTED -> asset.resource("resVidFull").or(() -> asset.resource(PhotoAsset.LIVE_VIDEO));
        };
    }

    /**
     * Whether the copy holds rendered edits ({@code --size adjusted}, {@code --live-photo-size adjusted}): then an
     * edit or a revert changes which files an item has.
     */
    public boolean keepsEdits() {
        profile();
        return stills.contains(Rendition.ADJUSTED)
                || (liveRendition == Rendition.LIVE_ADJUSTED && liveMode != LiveMode.IMAGE_ONLY && liveMode != LiveMode.SKIP);
    }

    /** Whether the item's user albums matter to these settings. */
    public boolean filtersByAlbum() {
        profile();
        return !includedAlbums.isEmpty() || !excludedAlbums.isEmpty();
    }

    /** {@code --recent N}: a full listing, which iCloud orders newest first, stops after N items; 0 for all. */
    public int recent() {
        profile();
        return recent;
    }

    private static PathMatcher globMatcher(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--filename-exclude '" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    /** An ISO date (2024-05-01), date-time (2024-05-01T10:00:00Z) or an interval back from now (20d, 12h, 2w, 6m, 1y). */
    static Instant instant(String flag, String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return null;
        }
        Matcher interval = INTERVAL.matcher(text);
        if (interval.matches()) {
            long amount = Long.parseLong(interval.group(1));
            Duration back = switch (interval.group(2).toLowerCase(Locale.ROOT)) {
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                case "w" -> Duration.ofDays(7 * amount);
                case "m" -> Duration.ofDays(30 * amount);
                default -> Duration.ofDays(365 * amount);
            };
            return Instant.now().minus(back);
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notADateTime) {
                throw new IllegalArgumentException(flag + " must be an ISO date (2024-05-01), a date-time "
                        + "(2024-05-01T10:00:00Z) or an interval such as 20d, 12h, 2w, 6m, 1y; not '" + value + "'");
            }
        }
    }

    private static List<String> list(String values) {
        if (values == null || values.isBlank()) {
            return List.of();
        }
        return Arrays.stream(values.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static Set<String> names(String values) {
        Set<String> names = new LinkedHashSet<>();
        list(values).forEach(name -> names.add(java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT)));
        return names;
    }

    public void setSizes(String sizes) {
        this.sizes = sizes;
        this.profile = null;
    }

    public void setLivePhotoMode(String livePhotoMode) {
        this.livePhotoMode = livePhotoMode;
        this.profile = null;
    }

    public void setLivePhotoSize(String livePhotoSize) {
        this.livePhotoSize = livePhotoSize;
        this.profile = null;
    }

    public void setForceSize(boolean forceSize) {
        this.forceSize = forceSize;
        this.profile = null;
    }

    public void setAlignRaw(String alignRaw) {
        this.alignRaw = alignRaw;
        this.profile = null;
    }

    public void setSkipVideos(boolean skipVideos) {
        this.skipVideos = skipVideos;
        this.profile = null;
    }

    public void setSkipPhotos(boolean skipPhotos) {
        this.skipPhotos = skipPhotos;
        this.profile = null;
    }

    public void setFilenameExcludes(String filenameExcludes) {
        this.filenameExcludes = filenameExcludes;
        this.profile = null;
    }

    public void setSkipCreatedBefore(String skipCreatedBefore) {
        this.skipCreatedBefore = skipCreatedBefore;
        this.profile = null;
    }

    public void setSkipCreatedAfter(String skipCreatedAfter) {
        this.skipCreatedAfter = skipCreatedAfter;
        this.profile = null;
    }

    public void setAlbums(String albums) {
        this.albums = albums;
        this.profile = null;
    }

    public void setExcludeAlbums(String excludeAlbums) {
        this.excludeAlbums = excludeAlbums;
        this.profile = null;
    }

    public void setRecent(int recent) {
        this.recent = recent;
        this.profile = null;
    }
}
