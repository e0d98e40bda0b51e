package com.camelicloud.photos.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Test-only remote control of a fake started by {@link FakeICloudMain} {@code --control}, for scripts that run the fake
 * as a separate process (the benchmarks in {@code bench/}). Not part of anything Apple serves; it lives on the auth
 * listener under {@value #PREFIX}, and its own requests are not counted:
 * <pre>
 * GET  /__fake/counters[?format=text]  requests per {@link Endpoint} since start or reset, plus CLOUDKIT (all CloudKit
 *                                      endpoints) and TOTAL; JSON, or one "NAME count" line each with format=text
 * POST /__fake/reset                   zeroes the counters ({@link FakeICloud#resetCounters()})
 * POST /__fake/mutate?add=50&amp;trash=20&amp;favourite=15&amp;edit=10&amp;hide=5[&amp;format=text]
 *                                      applies that many user actions to the PrimarySync zone, each on a different
 *                                      live asset picked at random (seeded), and answers what it did: the counts, the
 *                                      records the next changes/zone will deliver for them, and the new files (newFiles) the added
 *                                      items bring (originals plus Live Photo videos)
 * GET  /__fake/cdn-urls                freshly signed CDN URLs, one per line (text/plain), of the files a first sync
 *                                      of PrimarySync downloads with the default options (--on-hidden keep): the
 *                                      original of every asset not in Recently Deleted, hidden ones included, plus
 *                                      the video of each Live Photo; a master shared by several assets
 *                                      (iOS duplicates) counts once. The {@code ${f}} file-name segment is sent as
 *                                      {@code $%7Bf%7D}, as clients send it, so that tools that expand braces (curl)
 *                                      take the URLs as they are. For the download benchmark's curl run
 * </pre>
 * Added items cycle through JPEG, HEIC, Live Photo and MOV, named {@code BENCH_00001.…}; favourite picks assets that
 * are not favourites yet, edit assets that are not edited yet.
 */
final class FakeControl implements HttpHandler {

    static final String PREFIX = "/__fake";

    private static final List<String> ACTIONS = List.of("add", "trash", "favourite", "edit", "hide");

    private final FakeICloud fake;
    private final FakeZone zone;
    private final Long contentSize;
    private final Random random;
    private int added;

    /** {@code contentSize} null: added items get the generator's mixed small sizes. */
    FakeControl(FakeICloud fake, FakeZone zone, Long contentSize, long seed) {
        this.fake = fake;
        this.zone = zone;
        this.contentSize = contentSize;
        this.random = new Random(seed);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            HttpCall call = new HttpCall(exchange);
            boolean text = "text".equals(call.query("format"));
            String action = ServiceHandler.tail(call.path, PREFIX);
            if ((action + " " + call.method).equals("cdn-urls GET")) {
                reply(exchange, 200, cdnUrls());
                return;
            }
            Map<String, Object> answer;
            try {
                answer = switch (action + " " + call.method) {
                    case "counters GET" -> counters();
                    case "reset POST" -> {
                        fake.resetCounters();
                        yield Map.of("reset", true);
                    }
                    case "mutate POST" -> mutate(call);
                    default -> null;
                };
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, "bad request: " + e.getMessage() + "\n");
                return;
            }
            if (answer == null) {
                reply(exchange, 404, "GET " + PREFIX + "/counters, POST " + PREFIX + "/reset, POST " + PREFIX
                        + "/mutate?" + String.join("=N&", ACTIONS) + "=N or GET " + PREFIX + "/cdn-urls\n");
                return;
            }
            if (text) {
                StringBuilder out = new StringBuilder();
                answer.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
                reply(exchange, 200, out.toString());
            } else {
                ObjectNode json = Json.object();
                answer.forEach((k, v) -> json.putPOJO(k, v));
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                reply(exchange, 200, Json.pretty(json) + "\n");
            }
        } catch (RuntimeException e) {
            System.err.println("fake control: " + exchange.getRequestURI() + " failed: " + e);
            e.printStackTrace();
            reply(exchange, 500, "fake control failed: " + e + "\n");
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> counters() {
        Map<String, Object> out = new LinkedHashMap<>();
        int total = 0;
        for (Endpoint e : Endpoint.values()) {
            int n = fake.calls(e);
            out.put(e.name(), n);
            total += n;
        }
        out.put("CLOUDKIT", fake.cloudKitCalls());
        out.put("TOTAL", total);
        return out;
    }

    /** See the class comment: one URL per line, in the order of the zone's assets. */
    private String cdnUrls() {
        StringBuilder out = new StringBuilder();
        Set<String> masters = new HashSet<>();
        for (FakeAsset asset : zone.liveAssets()) {
            if (!masters.add(asset.masterId())) {
                continue;
            }
            appendOriginals(out, asset);
        }
        // hidden photos are part of the default copy, listed after All Photos as the sync lists them
        for (FakeAsset asset : zone.assets()) {
            if (!asset.isHidden() || asset.isDeleted() || !masters.add(asset.masterId())) {
                continue;
            }
            appendOriginals(out, asset);
        }
        return out.toString();
    }

    private void appendOriginals(StringBuilder out, FakeAsset asset) {
        for (Variant variant : List.of(Variant.ORIGINAL, Variant.ORIGINAL_VID_COMPL)) {
            FakeResource resource = asset.resource(variant);
            if (resource != null) {
                out.append(fake.downloadUrl(resource, zone.name()).replace("${f}", "$%7Bf%7D")).append('\n');
            }
        }
    }

    /** Applies the requested actions one by one (so run it between syncs, not during one). */
    private synchronized Map<String, Object> mutate(HttpCall call) {
        String query = call.exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isEmpty() && !name.equals("format") && !ACTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter " + name + "; use " + String.join(", ", ACTIONS));
            }
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (String action : ACTIONS) {
            String v = call.query(action);
            int n = v == null ? 0 : Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(action + " must not be negative");
            }
            wanted.put(action, n);
        }
        long before = zone.changeLogLength();
        List<FakeAsset> pool = new ArrayList<>(zone.liveAssets());
        Collections.shuffle(pool, random);
        Set<String> used = new HashSet<>();
        // pick every target first, so that a request that cannot be met changes nothing
        List<FakeAsset> trash = pick(pool, used, wanted.get("trash"), a -> true);
        List<FakeAsset> favourite = pick(pool, used, wanted.get("favourite"), a -> !a.isFavorite());
        List<FakeAsset> edit = pick(pool, used, wanted.get("edit"), a -> !a.isEdited());
        List<FakeAsset> hide = pick(pool, used, wanted.get("hide"), a -> true);
        int files = 0;
        for (int i = 0; i < wanted.get("add"); i++) {
            int n = ++added;
            PhotoSpec spec = switch (n % 4) {
                case 1 -> PhotoSpec.photo(String.format("BENCH_%05d.JPG", n));
                case 2 -> PhotoSpec.photo(String.format("BENCH_%05d.HEIC", n));
                case 3 -> PhotoSpec.livePhoto(String.format("BENCH_%05d.HEIC", n));
                default -> PhotoSpec.video(String.format("BENCH_%05d.MOV", n));
            };
            if (contentSize != null) {
                spec.size(contentSize);
            }
            zone.addPhoto(spec);
            files += n % 4 == 3 ? 2 : 1;
        }
        trash.forEach(a -> zone.trash(a.id()));
        favourite.forEach(a -> zone.favourite(a.id()));
        edit.forEach(a -> zone.edit(a.id()));
        hide.forEach(a -> zone.hide(a.id()));
        Map<String, Object> out = new LinkedHashMap<>(wanted);
        out.put("changes", wanted.values().stream().mapToInt(Integer::intValue).sum());
        out.put("records", zone.recordsChangedAfter(before));
        out.put("newFiles", files);
        return out;
    }

    /** {@code n} assets from the shuffled pool that match and were not picked by another action of this call. */
    private static List<FakeAsset> pick(List<FakeAsset> pool, Set<String> used, int n, Predicate<FakeAsset> fits) {
        List<FakeAsset> out = new ArrayList<>();
        for (FakeAsset a : pool) {
            if (out.size() == n) {
                break;
            }
            if (fits.test(a) && !used.contains(a.masterId())) {
                used.add(a.masterId());
                out.add(a);
            }
        }
        if (out.size() < n) {
            throw new IllegalArgumentException("only " + out.size() + " assets left for " + n + " changes");
        }
        return out;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
