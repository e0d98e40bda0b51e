package com.camelicloud.photos.layout;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.camelicloud.photos.library.MediaKind;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import com.camelicloud.photos.library.UniformTypes;

/**
 * The file name of one rendition, before any collision handling (docs/protocol.md §8.3, §8.4).
 *
 * <ul>
 *   <li>Base name: the decoded {@code filenameEnc}; when it is missing, blank, or nothing usable is left after
 *       sanitising (e.g. {@code 中文.JPG} in ASCII mode, or {@code .jpg}), icloudpd's fallback from the master
 *       recordName: its first 12 characters with every non-ASCII-alphanumeric replaced by {@code _}
 *       ({@code AY6c+BsE0jjaXx9…} → {@code AY6c_BsE0jja}).</li>
 *   <li>Extension: from the rendition's UTI ({@code .jpeg} → {@code .JPG}, a HEIC's medium JPEG becomes
 *       {@code IMG_1234-medium.JPG}); for an unknown UTI the original name's extension, else none.</li>
 *   <li>Suffixes: see {@link Rendition}; {@code -adjusted} follows icloudpd (kei uses {@code _edited}).</li>
 *   <li>Live Photo motion parts: {@code <stem>_HEVC.MOV} for a HEIC still under {@link LiveMovNamePolicy#SUFFIX},
 *       else {@code <stem>.MOV}, then the size suffix: {@code IMG_1234_HEVC-medium.MOV}, {@code IMG_7409-medium.MOV}.
 *       The extension is the rendition UTI's when that is a known video type, else {@code MOV}.</li>
 * </ul>
 */
public final class FileNames {

    private static final int FALLBACK_LENGTH = 12;

    private final FileNameSanitizer sanitizer;
    private final LiveMovNamePolicy livePolicy;

    public FileNames(FileNameSanitizer sanitizer, LiveMovNamePolicy livePolicy) {
        this.sanitizer = Objects.requireNonNull(sanitizer, "sanitizer");
        this.livePolicy = Objects.requireNonNull(livePolicy, "livePolicy");
    }

    /** Unicode kept, {@code suffix} MOV naming: the product's defaults. */
    /** The settings behind these names, for {@link PhotoLayout#profile()}. */
    String profile() {
        return "unicode=" + sanitizer.keepsUnicode() + ";live-mov=" + livePolicy.cliName();
    }

    public static FileNames defaults() {
        return new FileNames(FileNameSanitizer.UNICODE, LiveMovNamePolicy.SUFFIX);
    }

    /** Whether non-ASCII characters stay in names ({@code --keep-unicode-in-filenames}). */
    public boolean keepsUnicode() {
        return sanitizer.keepsUnicode();
    }

    public LiveMovNamePolicy livePolicy() {
        return livePolicy;
    }

    /**
     * The name of {@code rendition} of {@code asset}, stored in {@code resource} (whose UTI decides the
     * extension; null when not known yet).
     */
    public FileName name(PhotoAsset asset, Rendition rendition, Resource resource) {
        return name(asset.filename().orElse(null), asset.masterId(), asset.itemType(), rendition,
                resource == null ? null : resource.uti());
    }

    /**
     * @param filename         decoded {@code filenameEnc}; null when absent or undecodable
     * @param masterRecordName the CPLMaster's recordName, for the fallback name
     * @param masterUti        the master's {@code itemType}: decides whether a Live Photo's still is HEIC
     * @param rendition        which file
     * @param renditionUti     that file's own UTI ({@code …FileType}); null when unknown (for
     *                         {@link Rendition#ORIGINAL} the master's UTI then stands in)
     */
    public FileName name(String filename, String masterRecordName, String masterUti, Rendition rendition,
                         String renditionUti) {
        Objects.requireNonNull(rendition, "rendition");
        String raw = filename == null ? "" : filename;
        int dot = FileName.extensionDot(raw);
        String stem = sanitizer.clean(dot < 0 ? raw : raw.substring(0, dot));
        if (stem.isEmpty()) {
            stem = fallbackStem(masterRecordName);
        }
        String originalExtension = dot < 0 ? "" : sanitizer.clean(raw.substring(dot + 1));
        if (rendition.isLive()) {
            String stillExtension = UniformTypes.extension(masterUti).orElse(originalExtension);
            String hevc = livePolicy == LiveMovNamePolicy.SUFFIX && stillExtension.equalsIgnoreCase("HEIC")
                    ? "_HEVC" : "";
            return new FileName(stem, hevc + rendition.suffix(), movieExtension(renditionUti));
        }
        // The original's type is the master's itemType when the resource carries none (as PhotoAsset assumes).
        String uti = renditionUti == null && rendition == Rendition.ORIGINAL ? masterUti : renditionUti;
        String extension = UniformTypes.extension(uti).orElse(originalExtension);
        return new FileName(stem, rendition.suffix(), extension);
    }

    /** icloudpd's name for a master without a usable {@code filenameEnc}; {@code unnamed} without a recordName. */
    public static String fallbackStem(String masterRecordName) {
        if (masterRecordName == null || masterRecordName.isEmpty()) {
            return "unnamed";
        }
        StringBuilder stem = new StringBuilder(FALLBACK_LENGTH);
        for (int i = 0; i < masterRecordName.length() && stem.length() < FALLBACK_LENGTH; i++) {
            char c = masterRecordName.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            stem.append(alphanumeric ? c : '_');
        }
        return stem.toString();
    }

    private static String movieExtension(String uti) {
        Optional<String> known = UniformTypes.extension(uti);
        return known.isPresent() && UniformTypes.kind(uti, null) == MediaKind.VIDEO
                ? known.get().toUpperCase(Locale.ROOT) : "MOV";
    }
}
