package com.camelicloud.photos.sync;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.ListedFile;
import com.camelicloud.photos.layout.FileMatchPolicy;
import com.camelicloud.photos.layout.FileName;
import com.camelicloud.photos.layout.FileNameSanitizer;
import com.camelicloud.photos.layout.FileNames;
import com.camelicloud.photos.layout.FolderStructure;
import com.camelicloud.photos.layout.LiveMovNamePolicy;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.layout.Rendition;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import com.camelicloud.photos.library.Sha256;
import com.camelicloud.photos.metadata.JpegHead;
import com.camelicloud.photos.state.SyncStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code import-existing}: the files already in the destination (written by icloudpd, by kei, or by this tool under a
 * state that was lost) are adopted into the state instead of downloaded. The cycle is a full listing; for each file
 * the settings want, the planner asks {@link #find} for it, and what is not found is reported, not downloaded: it
 * stays missing in the state, so the next sync downloads it.
 *
 * <h2>Where a file is looked for</h2>
 * Where a sync with the configured settings puts it first, then where icloudpd and kei put it with the same settings
 * (docs/protocol.md §5.16, §8.3-§8.5): date folders in the capture's own offset, this machine's time zone (icloudpd
 * and kei use the machine's zone) or UTC (a container's usual zone); names with non-ASCII characters kept or dropped;
 * Live Photo videos named either way; {@code -<size>} duplicate names, icloudpd's old {@code -original} names, both
 * name-id7 spellings (icloudpd's standard base64, which can put a {@code /} in a name, and kei's URL-safe one, with
 * the suffix before or after a size or {@code _HEVC} suffix); kei's and icloudpd's names for photos without a file
 * name; a Shared Library's photos inside or outside its library folder.
 *
 * <h2>When a file is this photo</h2>
 * A file at one of those paths whose size is iCloud's size for the rendition is adopted. A file whose size differs is
 * adopted only when all of this holds, which is what writing metadata into a JPEG (icloudpd's
 * {@code --set-exif-datetime}, this tool's metadata options) leaves: the rendition is a JPEG and so is the file; the
 * sizes differ by at most {@value #MAX_METADATA_BYTES} bytes; the file's pixel size is the rendition's (either way
 * round), when both are known; and the file says it was taken when the photo was, to the second: its modification
 * time (both tools set it to the capture time) or its EXIF {@code DateTimeOriginal} read in the capture's offset,
 * this machine's zone or UTC; of several such files, the closest in size. Never a file another file of the state, or
 * of this import, already holds. So a different photo is not adopted; a photo that cannot be told for sure is
 * downloaded by the next sync instead.
 */
public class ExistingFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ExistingFiles.class);
    /** More than this between a file and iCloud's size is more than metadata written into it. */
    static final long MAX_METADATA_BYTES = 1024 * 1024;
    /** Capture times are compared to the second; one second of slack covers rounding by the tools. */
    private static final Duration SAME_SECOND = Duration.ofSeconds(1);
    private static final String JPEG_UTI = "public.jpeg";
    private static final int KEI_FALLBACK_HEX = 12;

    /** How an adopted file's path differs from the one the configured settings give. */
    public enum Deviation {
        MACHINE_ZONE("date folders in this machine's time zone"),
        UTC_ZONE("date folders in UTC"),
        OTHER_UNICODE("names of the other --keep-unicode-in-filenames"),
        OTHER_LIVE_NAMES("Live Photo videos named by the other --live-photo-mov-filename-policy"),
        OTHER_MATCH_POLICY("names of the other --file-match-policy"),
        ID7_SPELLING("icloudpd's or kei's spelling of name-id7 names"),
        LEGACY_ORIGINAL("icloudpd's old -original names"),
        SPACE_FOR_NNBSP("a plain space where the name has a narrow no-break space"),
        KEI_FALLBACK_NAME("kei's names for photos without a file name"),
        NO_LIBRARY_FOLDER("a Shared Library's photos outside its library folder");

        private final String text;

        Deviation(String text) {
            this.text = text;
        }
    }

    /**
     * A file found for a rendition.
     *
     * @param fileKey     the rendition's key in the state
     * @param size        its size as it is (metadata may have made it differ from iCloud's)
     * @param sha256      its SHA-256 where the destination computes one (a folder); null on S3 and SFTP and in a dry run
     * @param deviations  how its path differs from the configured layout's; empty when it is where a sync puts it
     * @param sizeDiffers adopted as the same photo with metadata written into it
     */
    public record Match(String path, String fileKey, long size, String sha256, Set<Deviation> deviations,
                        boolean sizeDiffers) {
    }

    /** A path to look at, and how it differs from where the configured settings put the file. */
    private record Candidate(String path, Set<Deviation> deviations) {
    }

    private final boolean importing;
    /** False in a dry run: nothing is adopted for real, so nothing is hashed and the report says "would adopt". */
    private final boolean adopting;
    private final Destination destination;
    private final SyncStateRepository state;
    private final PhotoLayout layout;
    private final ZoneId machineZone = ZoneId.systemDefault();
    private volatile Map<String, ListedFile> index;
    /** Every file adopted in this run by its path, so that no file is adopted twice. */
    private final Map<String, Match> adopted = new ConcurrentHashMap<>();
    /** Where a sync puts each file that was not found. */
    private final Set<String> notMatched = ConcurrentHashMap.newKeySet();

    /**
     * @param importing   {@code sync.import-existing}: false leaves every method inert, for ordinary syncs
     * @param fileChanges a dry run's ({@link FileChanges#committed()} false) adopts nothing for real
     */
    public ExistingFiles(boolean importing, FileChanges fileChanges, Destination destination, SyncStateRepository state,
                         PhotoLayout layout) {
        this.importing = importing;
        this.adopting = fileChanges.committed();
        this.destination = destination;
        this.state = state;
        this.layout = layout;
    }

    /**
     * The file at the destination that is {@code rendition} of {@code asset}, reserved in {@code reserved} for
     * {@code fileKey}; null when none is (or when not importing).
     *
     * @param libraryPrefix the folder of a Shared Library's own photos, or ""
     * @param homeAlbum     the path of the album the file is filed under in an {album} layout (its folders, then its
     *                      name); empty for none
     * @param reserved      the page's paths claimed so far (path → file key); the caller holds its lock
     */
    public Match find(PhotoAsset asset, Rendition rendition, Resource resource, String fileKey, String libraryPrefix,
                      List<String> homeAlbum, Map<String, String> reserved) {
        if (!importing) {
            return null;
        }
        Map<String, ListedFile> files = index();
        List<Candidate> candidates = candidates(asset, rendition, resource, libraryPrefix, homeAlbum);
        for (Candidate candidate : candidates) {
            ListedFile file = files.get(candidate.path());
            if (file != null && file.size() == resource.size() && free(candidate.path(), fileKey, reserved)) {
                return adopt(candidate, file, fileKey, reserved, false);
            }
        }
        if (!JPEG_UTI.equals(resource.uti())) {
            return null;
        }
        // Of the files that pass, the closest in size: two photos of one name taken in the same second (a burst from
        // two cameras) are told apart by how little writing metadata changes a file.
        Candidate closest = null;
        for (Candidate candidate : candidates) {
            ListedFile file = files.get(candidate.path());
            long difference = file == null ? Long.MAX_VALUE : Math.abs(file.size() - resource.size());
            if (difference > 0 && difference <= MAX_METADATA_BYTES
                    && (closest == null || difference < Math.abs(files.get(closest.path()).size() - resource.size()))
                    && free(candidate.path(), fileKey, reserved) && sameJpegPhoto(file, asset, resource)) {
                closest = candidate;
            }
        }
        return closest == null ? null : adopt(closest, files.get(closest.path()), fileKey, reserved, true);
    }

    /** Route hook: a file the settings want that no file at the destination is; the next sync downloads it. */
    public void notMatched(FileTask task) {
        notMatched.add(task.getRelativePath());
    }

    /**
     * Route hook at the end of the cycle: prints the report on stdout, one line per file not matched and per
     * unexpected file (and, in a dry run, per file it would adopt), then the totals.
     */
    public void finish() {
        Set<String> accounted = new HashSet<>(state.recordedPaths());
        accounted.addAll(adopted.keySet());
        List<String> unexpected = unexpected(accounted);
        List<String> lines = new ArrayList<>();
        if (!adopting) {
            adopted.keySet().stream().sorted().forEach(path -> lines.add("would adopt: " + path));
        }
        notMatched.stream().sorted().forEach(path -> lines.add("not matched: " + path));
        unexpected.forEach(path -> lines.add("unexpected: " + path));
        lines.addAll(summary(unexpected.size()));
        PrintStream out = System.out;
        synchronized (out) {
            lines.forEach(out::println);
            out.flush();
        }
    }

    private List<String> summary(int unexpected) {
        long sizeDiffers = adopted.values().stream().filter(Match::sizeDiffers).count();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s %d file(s)%s; %d not matched%s; %d unexpected file(s) left alone.",
                adopting ? "Adopted" : "Would adopt", adopted.size(),
                sizeDiffers == 0 ? "" : " (" + sizeDiffers + " with metadata written into them)", notMatched.size(),
                notMatched.isEmpty() ? "" : adopting ? ", which the next sync downloads" : ", which a sync downloads",
                unexpected));
        Map<Deviation, Long> deviations = new LinkedHashMap<>();
        adopted.values().forEach(match -> match.deviations().forEach(d -> deviations.merge(d, 1L, Long::sum)));
        long otherwise = adopted.values().stream().filter(match -> !match.deviations().isEmpty()).count();
        if (otherwise > 0) {
            lines.add(String.format(Locale.ROOT, "%d of them %s laid out otherwise than the settings say (%s); they "
                            + "stay where they are.", otherwise, adopting ? "are" : "would be",
                    deviations.entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> describe(e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", "))));
        }
        return lines;
    }

    private String describe(Deviation deviation) {
        return switch (deviation) {
            case MACHINE_ZONE -> deviation.text + " (" + machineZone + ")";
            case OTHER_UNICODE -> layout.names().keepsUnicode()
                    ? "names without their non-ASCII characters (as with --keep-unicode-in-filenames=false)"
                    : "names with non-ASCII characters (as with --keep-unicode-in-filenames)";
            default -> deviation.text;
        };
    }

    /** Files the state does not account for; hidden files and folders, and sidecars of accounted files, left out. */
    private List<String> unexpected(Set<String> accounted) {
        Set<String> stems = accounted.stream().map(ExistingFiles::withoutExtension).collect(Collectors.toSet());
        return index().keySet().stream()
                .filter(path -> !accounted.contains(path) && !hidden(path))
                .filter(path -> !(path.toLowerCase(Locale.ROOT).endsWith(".xmp")
                        && (accounted.contains(path.substring(0, path.length() - 4))
                        || stems.contains(withoutExtension(path)))))
                .sorted().toList();
    }

    private static String withoutExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    private static boolean hidden(String path) {
        for (String part : path.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private Map<String, ListedFile> index() {
        Map<String, ListedFile> files = index;
        if (files == null) {
            synchronized (this) {
                if (index == null) {
                    Map<String, ListedFile> listed = new HashMap<>();
                    destination.listFiles().forEach(file -> listed.put(file.path(), file));
                    if (listed.isEmpty()) {
                        LOG.warn("{} holds no file: there is nothing to adopt (is -d the folder icloudpd or kei wrote?)",
                                destination.describe());
                    } else {
                        LOG.info("Found {} files in {}", listed.size(), destination.describe());
                    }
                    index = listed;
                }
                files = index;
            }
        }
        return files;
    }

    /** Not claimed by another file of this page, of this import, or of the state. */
    private boolean free(String path, String fileKey, Map<String, String> reserved) {
        String owner = reserved.get(path);
        Match adopter = adopted.get(path);
        return (owner == null || owner.equals(fileKey)) && (adopter == null || adopter.fileKey().equals(fileKey))
                && state.fileAtPath(path).map(holder -> holder.fileKey().equals(fileKey)).orElse(true);
    }

    private Match adopt(Candidate candidate, ListedFile file, String fileKey, Map<String, String> reserved,
                        boolean sizeDiffers) {
        reserved.put(candidate.path(), fileKey);
        String sha256 = !adopting ? null : destination.sha256Of(candidate.path()).orElse(null);
        Match match = new Match(candidate.path(), fileKey, file.size(), sha256, candidate.deviations(), sizeDiffers);
        adopted.put(candidate.path(), match);
        return match;
    }

    /** The same photo with metadata written into it (see the class comment for the rule). */
    private boolean sameJpegPhoto(ListedFile file, PhotoAsset asset, Resource resource) {
        Optional<Instant> captured = asset.captureTime();
        if (captured.isEmpty()) {
            return false;
        }
        Optional<JpegHead> head = destination.head(file.path(), JpegHead.BYTES).flatMap(JpegHead::of);
        if (head.isEmpty()) {
            return false;
        }
        if (head.get().hasPixelSize() && resource.width() != null && resource.height() != null
                && !(head.get().width() == resource.width() && head.get().height() == resource.height())
                && !(head.get().width() == resource.height() && head.get().height() == resource.width())) {
            return false;
        }
        boolean modifiedThen = file.modified() != null
                && Duration.between(file.modified(), captured.get()).abs().compareTo(SAME_SECOND) <= 0;
        LocalDateTime original = head.get().dateTimeOriginal();
        boolean exifThen = original != null && zones(asset).stream().anyMatch(zone -> Duration.between(original,
                captured.get().atZone(zone).toLocalDateTime()).abs().compareTo(SAME_SECOND) <= 0);
        if (modifiedThen || exifThen) {
            LOG.debug("{} is {} with metadata written into it ({} bytes, iCloud has {})", file.path(),
                    asset.assetId(), file.size(), resource.size());
            return true;
        }
        return false;
    }

    /** The zones a date folder or an EXIF date may be in: the capture's own offset, this machine's zone, UTC. */
    private List<ZoneId> zones(PhotoAsset asset) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        asset.localCaptureTime(machineZone).ifPresent(local -> zones.add(local.getZone()));
        zones.add(machineZone);
        zones.add(ZoneOffset.UTC);
        return List.copyOf(zones);
    }

    /** Where to look, least different from the configured layout first; each path once. */
    private List<Candidate> candidates(PhotoAsset asset, Rendition rendition, Resource resource, String libraryPrefix,
                                       List<String> homeAlbum) {
        Map<String, Set<Deviation>> paths = new LinkedHashMap<>();
        layout.candidatePaths(asset, rendition, resource, machineZone, homeAlbum)
                .forEach(path -> paths.putIfAbsent(libraryPrefix + path, EnumSet.noneOf(Deviation.class)));
        List<ZoneId> zones = zones(asset);
        Map<String, Set<Deviation>> names = names(asset, rendition, resource);
        for (int z = 0; z < zones.size(); z++) {
            Set<Deviation> zoneDeviation = EnumSet.noneOf(Deviation.class);
            if (z > 0) {
                zoneDeviation.add(zones.get(z).equals(ZoneOffset.UTC) ? Deviation.UTC_ZONE : Deviation.MACHINE_ZONE);
            }
            ZoneId zone = zones.get(z);
            String folder = layout.folders().render(asset.captureTime().map(time -> time.atZone(zone)).orElse(null),
                    homeAlbum, asset.zoneName());
            for (String prefix : libraryPrefix.isEmpty() ? List.of("") : List.of(libraryPrefix, "")) {
                for (Map.Entry<String, Set<Deviation>> name : names.entrySet()) {
                    Set<Deviation> deviations = EnumSet.noneOf(Deviation.class);
                    deviations.addAll(zoneDeviation);
                    deviations.addAll(name.getValue());
                    if (!prefix.equals(libraryPrefix)) {
                        deviations.add(Deviation.NO_LIBRARY_FOLDER);
                    }
                    paths.putIfAbsent(prefix + FolderStructure.join(folder, name.getKey()), deviations);
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        paths.forEach((path, deviations) -> candidates.add(new Candidate(path, Collections.unmodifiableSet(deviations))));
        return candidates;
    }

    /** The file names icloudpd, kei or this tool may have given the rendition → how each differs from the settings. */
    private Map<String, Set<Deviation>> names(PhotoAsset asset, Rendition rendition, Resource resource) {
        FileNames configured = layout.names();
        Map<String, Set<Deviation>> names = new LinkedHashMap<>();
        for (boolean keepUnicode : List.of(configured.keepsUnicode(), !configured.keepsUnicode())) {
            for (LiveMovNamePolicy live : rendition.isLive() ? List.of(configured.livePolicy(), other(configured.livePolicy()))
                    : List.of(configured.livePolicy())) {
                FileNames variant = new FileNames(FileNameSanitizer.of(keepUnicode), live);
                Set<Deviation> base = EnumSet.noneOf(Deviation.class);
                if (keepUnicode != configured.keepsUnicode()) {
                    base.add(Deviation.OTHER_UNICODE);
                }
                if (live != configured.livePolicy()) {
                    base.add(Deviation.OTHER_LIVE_NAMES);
                }
                for (Map.Entry<FileName, Set<Deviation>> name : baseNames(variant, asset, rendition, resource).entrySet()) {
                    Set<Deviation> deviations = EnumSet.copyOf(base);
                    deviations.addAll(name.getValue());
                    withPolicies(name.getKey(), rendition, resource.size(), asset.masterId(), deviations, names);
                }
            }
        }
        return names;
    }

    private static LiveMovNamePolicy other(LiveMovNamePolicy policy) {
        return policy == LiveMovNamePolicy.SUFFIX ? LiveMovNamePolicy.ORIGINAL : LiveMovNamePolicy.SUFFIX;
    }

    /** The name before any duplicate handling: from the file name, a spelling of it, or the fallbacks. */
    private static Map<FileName, Set<Deviation>> baseNames(FileNames names, PhotoAsset asset, Rendition rendition,
                                                           Resource resource) {
        Map<FileName, Set<Deviation>> base = new LinkedHashMap<>();
        base.put(names.name(asset, rendition, resource), EnumSet.noneOf(Deviation.class));
        String uti = resource == null ? null : resource.uti();
        Optional<String> filename = asset.filename();
        if (filename.isPresent() && filename.get().indexOf('\u202F') >= 0) {
            base.putIfAbsent(names.name(filename.get().replace('\u202F', ' '), asset.masterId(), asset.itemType(),
                    rendition, uti), EnumSet.of(Deviation.SPACE_FOR_NNBSP));
        }
        if (filename.isEmpty()) {
            base.putIfAbsent(names.name(keiFallbackStem(asset.masterId()), asset.masterId(), asset.itemType(),
                    rendition, uti), EnumSet.of(Deviation.KEI_FALLBACK_NAME));
        }
        return base;
    }

    /** kei's name for a photo without a file name: 12 hex digits of SHA-256 of the master recordName. */
    private static String keiFallbackStem(String masterId) {
        return Sha256.ofText(masterId).substring(0, KEI_FALLBACK_HEX);
    }

    /** {@code name} as each duplicate policy and each tool spells it (docs/protocol.md §8.5). */
    private void withPolicies(FileName name, Rendition rendition, long size, String masterId, Set<Deviation> base,
                              Map<String, Set<Deviation>> names) {
        boolean id7Configured = layout.matchPolicy() == FileMatchPolicy.NAME_ID7;
        Set<Deviation> sizeDedup = plus(base, id7Configured ? Deviation.OTHER_MATCH_POLICY : null);
        Set<Deviation> id7 = plus(base, id7Configured ? null : Deviation.OTHER_MATCH_POLICY);
        Map<String, Set<Deviation>> sizeNames = new LinkedHashMap<>();
        sizeNames.put(name.value(), sizeDedup);
        sizeNames.put(name.withSuffix("-" + size).value(), sizeDedup);
        if (rendition == Rendition.ORIGINAL) {
            sizeNames.put(name.withSuffix("-original").value(), plus(sizeDedup, Deviation.LEGACY_ORIGINAL));
        }
        Map<String, Set<Deviation>> id7Names = new LinkedHashMap<>();
        String urlSafe = FileMatchPolicy.id7(masterId);
        String standard = Base64.getEncoder().encodeToString(masterId.getBytes(StandardCharsets.UTF_8))
                .substring(0, Math.min(7, urlSafe.length()));
        for (String suffix : new LinkedHashSet<>(List.of(urlSafe, standard))) {
            Set<Deviation> spelling = suffix.equals(urlSafe) ? id7 : plus(id7, Deviation.ID7_SPELLING);
            // this tool's and kei's stills: after the size suffix; icloudpd's, and kei's Live Photo videos: before it
            id7Names.put(spelled(name.stem(), name.suffix() + "_" + suffix, name.extension()), spelling);
            id7Names.put(spelled(name.stem() + "_" + suffix, name.suffix(), name.extension()),
                    name.suffix().isEmpty() ? spelling : plus(spelling, Deviation.ID7_SPELLING));
        }
        List<Map<String, Set<Deviation>>> families = id7Configured ? List.of(id7Names, sizeNames) : List.of(sizeNames, id7Names);
        families.forEach(family -> family.forEach(names::putIfAbsent));
    }

    /**
     * A name with an id7 suffix. icloudpd's standard base64 can hold a {@code /}, which made a folder of part of the
     * name; the name is spelled as it was written, without cleaning that away.
     */
    private static String spelled(String stem, String suffix, String extension) {
        String tail = extension.isEmpty() ? "" : "." + extension;
        return stem.contains("/") || suffix.contains("/") ? stem + suffix + tail
                : new FileName(stem, suffix, extension).value();
    }

    private static Set<Deviation> plus(Set<Deviation> base, Deviation more) {
        Set<Deviation> all = base.isEmpty() ? EnumSet.noneOf(Deviation.class) : EnumSet.copyOf(base);
        if (more != null) {
            all.add(more);
        }
        return all;
    }
}
