package com.camelicloud.photos.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.SyncStateRepository;

/**
 * What the planning of one page asks the state about files: the row of a file key, the row at a path. Asked ahead
 * for the whole page ({@link #prefetch}), it is a few queries instead of two per file, each a statement prepared
 * anew on the state's one connection; a key or path not asked ahead is looked up when asked. Planning writes no
 * state, so the answers stay true for the page.
 */
final class PageStoredFiles {

    private final SyncStateRepository state;
    /** Every key and path asked ahead, each with its row, or null where the state has none. */
    private final Map<String, MediaFileState> byKey = new HashMap<>();
    private final Map<String, MediaFileState> atPath = new HashMap<>();
    /** The layout's candidate paths of a change's file (outside any album), computed once for the prefetch. */
    private final Map<String, List<String>> candidates = new HashMap<>();

    PageStoredFiles(SyncStateRepository state) {
        this.state = state;
    }

    /** Reads the rows of these keys and paths at once; a row found by key also answers for its path. */
    void prefetch(Collection<String> keys, Collection<String> paths) {
        keys.forEach(key -> byKey.put(key, null));
        byKey.putAll(state.filesByKey(keys));
        paths.forEach(path -> atPath.put(path, null));
        atPath.putAll(state.filesAtPaths(paths));
        for (MediaFileState file : byKey.values()) {
            if (file != null && file.path() != null) {
                atPath.put(file.path(), file);
            }
        }
    }

    Optional<MediaFileState> byKey(String key) {
        return byKey.containsKey(key) ? Optional.ofNullable(byKey.get(key)) : state.fileByKey(key);
    }

    Optional<MediaFileState> atPath(String path) {
        return atPath.containsKey(path) ? Optional.ofNullable(atPath.get(path)) : state.fileAtPath(path);
    }

    /** The candidate paths of a change's file outside any album: those computed for the prefetch, else computed. */
    List<String> candidates(LibraryChange change, String key, Supplier<List<String>> compute) {
        List<String> known = candidates.get(candidateKey(change, key));
        return known != null ? known : compute.get();
    }

    void rememberCandidates(LibraryChange change, String key, List<String> paths) {
        candidates.put(candidateKey(change, key), paths);
    }

    private static String candidateKey(LibraryChange change, String key) {
        return change.getRecordName() + "\n" + key;
    }
}
