package com.camelicloud.photos.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Items a cycle's pages ask to see again once they are committed ({@link ReofferWalker}): those whose stored files an
 * album change sent elsewhere ({album} layouts: their first album changed), and those that now decide the metadata
 * of a file they share with an item that left the copy.
 */
final class Reoffers {

    private final Map<String, Set<String>> byZone = new ConcurrentHashMap<>();

    void add(String zoneName, String assetId) {
        byZone.computeIfAbsent(zoneName, zone -> ConcurrentHashMap.newKeySet()).add(assetId);
    }

    boolean isEmpty() {
        return byZone.values().stream().allMatch(Set::isEmpty);
    }

    /** The items noted so far, by zone. */
    Map<String, List<String>> items() {
        Map<String, List<String>> items = new LinkedHashMap<>();
        byZone.forEach((zone, ids) -> items.put(zone, ids.stream().sorted().toList()));
        return items;
    }
}
