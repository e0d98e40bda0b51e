package com.camelicloud.photos.library;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** UTI → kind and file extension (docs/protocol.md §5.12). */
public final class UniformTypes {

    private record Entry(MediaKind kind, String extension) {
    }

    private static final Map<String, Entry> TYPES = Map.ofEntries(
            Map.entry("public.heic", new Entry(MediaKind.IMAGE, "HEIC")),
            Map.entry("public.heif", new Entry(MediaKind.IMAGE, "HEIF")),
            Map.entry("public.jpeg", new Entry(MediaKind.IMAGE, "JPG")),
            Map.entry("public.png", new Entry(MediaKind.IMAGE, "PNG")),
            Map.entry("org.webmproject.webp", new Entry(MediaKind.IMAGE, "WEBP")),
            Map.entry("com.compuserve.gif", new Entry(MediaKind.IMAGE, "GIF")),
            Map.entry("public.tiff", new Entry(MediaKind.IMAGE, "TIFF")),
            Map.entry("public.avif", new Entry(MediaKind.IMAGE, "AVIF")),
            Map.entry("com.adobe.raw-image", new Entry(MediaKind.IMAGE, "DNG")),
            Map.entry("com.canon.cr2-raw-image", new Entry(MediaKind.IMAGE, "CR2")),
            Map.entry("com.canon.crw-raw-image", new Entry(MediaKind.IMAGE, "CRW")),
            Map.entry("com.canon.cr3-raw-image", new Entry(MediaKind.IMAGE, "CR3")),
            Map.entry("com.sony.arw-raw-image", new Entry(MediaKind.IMAGE, "ARW")),
            Map.entry("com.fuji.raw-image", new Entry(MediaKind.IMAGE, "RAF")),
            Map.entry("com.panasonic.rw2-raw-image", new Entry(MediaKind.IMAGE, "RW2")),
            Map.entry("com.nikon.raw-image", new Entry(MediaKind.IMAGE, "NEF")),
            Map.entry("com.nikon.nrw-raw-image", new Entry(MediaKind.IMAGE, "NRW")),
            Map.entry("com.pentax.raw-image", new Entry(MediaKind.IMAGE, "PEF")),
            Map.entry("com.olympus.raw-image", new Entry(MediaKind.IMAGE, "ORF")),
            Map.entry("com.olympus.or-raw-image", new Entry(MediaKind.IMAGE, "ORF")),
            Map.entry("com.apple.quicktime-movie", new Entry(MediaKind.VIDEO, "MOV")),
            Map.entry("public.mpeg-4", new Entry(MediaKind.VIDEO, "MP4")),
            Map.entry("com.apple.m4v-video", new Entry(MediaKind.VIDEO, "M4V")),
            Map.entry("public.avi", new Entry(MediaKind.VIDEO, "AVI")),
            Map.entry("public.mpeg-2-video", new Entry(MediaKind.VIDEO, "M2V")));

    /** Extensions that name a kind, for UTIs the table does not know. */
    private static final Map<String, MediaKind> EXTENSION_KINDS = Map.ofEntries(
            Map.entry("JPG", MediaKind.IMAGE), Map.entry("JPEG", MediaKind.IMAGE), Map.entry("HEIC", MediaKind.IMAGE),
            Map.entry("HEIF", MediaKind.IMAGE), Map.entry("PNG", MediaKind.IMAGE), Map.entry("GIF", MediaKind.IMAGE),
            Map.entry("WEBP", MediaKind.IMAGE), Map.entry("TIF", MediaKind.IMAGE), Map.entry("TIFF", MediaKind.IMAGE),
            Map.entry("DNG", MediaKind.IMAGE), Map.entry("AVIF", MediaKind.IMAGE),
            Map.entry("MOV", MediaKind.VIDEO), Map.entry("MP4", MediaKind.VIDEO), Map.entry("M4V", MediaKind.VIDEO),
            Map.entry("AVI", MediaKind.VIDEO));

    private UniformTypes() {
    }

    public static Optional<String> extension(String uti) {
        return Optional.ofNullable(uti == null ? null : TYPES.get(uti)).map(Entry::extension);
    }

    /** The kind of a UTI; unknown UTIs are judged by the file name's extension, else {@link MediaKind#UNKNOWN}. */
    public static MediaKind kind(String uti, String filename) {
        Entry entry = uti == null ? null : TYPES.get(uti);
        if (entry != null) {
            return entry.kind();
        }
        return extensionOf(filename).map(ext -> EXTENSION_KINDS.getOrDefault(ext, MediaKind.UNKNOWN))
                .orElse(MediaKind.UNKNOWN);
    }

    /** §5.12: a RAW format is one whose UTI contains {@code raw}. */
    public static boolean isRaw(String uti) {
        return uti != null && uti.toLowerCase(Locale.ROOT).contains("raw");
    }

    /**
     * The UTI a stored file's extension stands for (the layout names files by their UTI), for files whose record is
     * not at hand; empty for an extension the table does not know.
     */
    public static Optional<String> ofFileName(String filename) {
        Optional<String> extension = extensionOf(filename).map(ext -> ext.equals("JPEG") ? "JPG" : ext);
        return extension.flatMap(ext -> TYPES.entrySet().stream().filter(entry -> entry.getValue().extension().equals(ext))
                .map(Map.Entry::getKey).sorted().findFirst());
    }

    /** The upper-case extension of a file name, if it has one. */
    public static Optional<String> extensionOf(String filename) {
        if (filename == null) {
            return Optional.empty();
        }
        int dot = filename.lastIndexOf('.');
        return dot > 0 && dot < filename.length() - 1
                ? Optional.of(filename.substring(dot + 1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
