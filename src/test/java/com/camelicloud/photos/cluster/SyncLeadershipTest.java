package com.camelicloud.photos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SyncLeadershipTest {

    /** Each node stands first for its share of the accounts: no node comes first for all, or for none. */
    @Test
    void theRankPutsEachNodeFirstForSomeAccounts() {
        List<String> nodes = List.of("host-101", "host-102", "host-103");
        Map<String, Long> firstFor = IntStream.range(0, 60).mapToObj(i -> "camel-icloud-photos-user" + i + "@example.com")
                .map(namespace -> nodes.stream().min(Comparator.comparingDouble(node -> SyncLeadership.rank(node,
                        namespace))).orElseThrow())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(firstFor).containsOnlyKeys(nodes);
        assertThat(firstFor.values()).allMatch(count -> count >= 10 && count <= 30);
        assertThat(SyncLeadership.rank("host-101", "ns")).isEqualTo(SyncLeadership.rank("host-101", "ns"))
                .isBetween(0.0, 1.0).isNotEqualTo(SyncLeadership.rank("host-101", "ns2"));
    }
}
