package com.camelicloud.photos.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.layout.FileNames;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * A folder as icloudpd leaves it with its default settings (docs/protocol.md §5.16, §8.3-§8.5): {@code %Y/%m/%d}
 * folders of the capture date in this machine's time zone, the original names with non-ASCII characters dropped and
 * the extension of the file's type, a second photo of the same name in the same folder as {@code <name>-<size>.<ext>},
 * a Live Photo's HEIC video as {@code <name>_HEVC.MOV}, every file's modification time set to its capture time.
 * Written from the fake's records and bytes, in the order given (icloudpd lists the newest first).
 */
public final class IcloudpdFolder {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private final Path root;
    /** Relative path → the asset whose file it is. */
    private final Map<String, FakeAsset> written = new LinkedHashMap<>();
    private boolean nameId7;

    public IcloudpdFolder(Path root) {
        this.root = root;
    }

    /**
     * {@code --file-match-policy name-id7}: every name gets {@code _} and the first 7 characters of the standard base64
     * of the master's recordName, before the Live Photo suffix; no size suffixes.
     */
    public IcloudpdFolder nameId7() {
        this.nameId7 = true;
        return this;
    }

    /** Writes the files of {@code assets}: the original, and the video of a Live Photo. */
    public IcloudpdFolder write(List<FakeAsset> assets) {
        for (FakeAsset asset : assets) {
            String name = name(asset);
            put(asset, name, asset.content(Variant.ORIGINAL));
            if (asset.isLivePhoto()) {
                String stem = name.substring(0, name.lastIndexOf('.'));
                put(asset, stem + (name.toUpperCase().endsWith(".HEIC") ? "_HEVC.MOV" : ".MOV"),
                        asset.content(Variant.ORIGINAL_VID_COMPL));
            }
        }
        return this;
    }

    /** What {@code --set-exif-datetime} does to a JPEG without a capture date: the date inserted, in the machine's zone. */
    public void setExifDateTime(String relativePath) {
        FakeAsset asset = written.get(relativePath);
        Path file = root.resolve(relativePath);
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                    local(asset.assetDate()).format(EXIF));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(Files.readAllBytes(file), out, exif);
            Files.write(file, out.toByteArray());
            // as if copied elsewhere since: only the EXIF date tells when the photo was taken
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files written, relative path → asset. */
    public Map<String, FakeAsset> files() {
        return written;
    }

    /** The path icloudpd gave the original of {@code asset}. */
    public String pathOf(FakeAsset asset) {
        // the original is written first
        return written.entrySet().stream().filter(e -> e.getValue().id().equals(asset.id()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private void put(FakeAsset asset, String name, byte[] content) {
        String folder = local(asset.assetDate()).format(FOLDER);
        String path = folder + "/" + name;
        Path file = root.resolve(path);
        try {
            if (Files.exists(file) && !nameId7) {
                if (Files.size(file) == content.length) {
                    return; // already downloaded
                }
                int dot = path.lastIndexOf('.');
                path = path.substring(0, dot) + "-" + content.length + path.substring(dot);
                file = root.resolve(path);
            }
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.from(asset.assetDate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.put(path, asset);
    }

    private static ZonedDateTime local(Instant instant) {
        return instant.atZone(ZoneId.systemDefault());
    }

    /** The name with non-ASCII characters dropped and the extension of the file's type. */
    private String name(FakeAsset asset) {
        String extension = switch (asset.itemType()) {
            case "public.jpeg" -> "JPG";
            case "public.heic" -> "HEIC";
            case "com.apple.quicktime-movie" -> "MOV";
            default -> throw new IllegalArgumentException("not written by this test folder: " + asset.itemType());
        };
        String filename = asset.filename();
        String stem = filename == null ? FileNames.fallbackStem(asset.masterId())
                : filename.substring(0, filename.lastIndexOf('.')).replaceAll("[^\\x00-\\x7F]", "");
        String id7 = nameId7 ? "_" + Base64.getEncoder().encodeToString(asset.masterId()
                .getBytes(StandardCharsets.UTF_8)).substring(0, 7) : "";
        return stem + id7 + "." + extension;
    }
}
