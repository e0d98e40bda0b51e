package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeResource;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.Variant;

/** Compares a destination folder with what the fake says a library contains. */
public final class LocalFiles {

    private LocalFiles() {
    }

    /** Every published file (temp folders excluded), relative path → SHA-256. */
    public static Map<String, String> published(Path root) {
        Map<String, String> files = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().startsWith("."))
                    .forEach(p -> files.put(root.relativize(p).toString(), sha256(readAll(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The library's downloadable originals (and Live Photo videos) by SHA-256 of their bytes. */
    public static Map<String, FakeResource> originalsBySha(FakeZone zone) {
        Map<String, FakeResource> bySha = new HashMap<>();
        for (FakeAsset asset : zone.assets()) {
            for (Variant variant : List.of(Variant.ORIGINAL, Variant.ORIGINAL_VID_COMPL)) {
                FakeResource resource = asset.resource(variant);
                if (resource != null) {
                    bySha.putIfAbsent(sha256(resource.content()), resource);
                }
            }
        }
        return bySha;
    }

    /**
     * SHA-256 → count of the files a default sync must produce for the zone's assets that are not in Recently Deleted
     * (hidden ones too: {@code --on-hidden keep} keeps them): each master's original, plus the motion video of a Live
     * Photo, each once however many assets share the master.
     */
    public static Map<String, Long> expectedOriginals(FakeZone zone) {
        Map<String, byte[]> byKey = new HashMap<>();
        for (FakeAsset asset : zone.assets().stream().filter(a -> !a.isDeleted() && !a.isExpunged()).toList()) {
            byKey.putIfAbsent(asset.masterId() + "/original", asset.content(Variant.ORIGINAL));
            if (asset.isLivePhoto()) {
                byKey.putIfAbsent(asset.masterId() + "/live", asset.content(Variant.ORIGINAL_VID_COMPL));
            }
        }
        Map<String, Long> counts = new HashMap<>();
        byKey.values().forEach(bytes -> counts.merge(sha256(bytes), 1L, Long::sum));
        return counts;
    }

    public static Map<String, Long> counts(Map<String, String> files) {
        Map<String, Long> counts = new HashMap<>();
        files.values().forEach(sha -> counts.merge(sha, 1L, Long::sum));
        return counts;
    }

    /** Temp files left anywhere under the root. */
    public static List<Path> leftovers(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
