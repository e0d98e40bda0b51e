package com.camelicloud.photos.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The ops endpoints of several accounts synced in one process, served once (routes/ops-http.yaml, bound under the
 * names its routes call: {@code syncHealth}, {@code opsMetrics}, {@code twoFactorInbox}): {@code /healthz} overall
 * with every account's report, or one account's with {@code ?account=NAME}; {@code /metrics} with every sample
 * labelled {@code account}; {@code POST /mfa?account=NAME}. Each account's own beans answer for it.
 */
public class AccountsOps {

    /** One account's ops beans, from its Camel context. */
    public record Account(SyncHealth health, OpsMetrics metrics, TwoFactorInbox inbox) {
    }

    /** The overall {@code /healthz}: UP when every account is (or stands by in a cluster). */
    public record Overall(@JsonIgnore int httpStatus, String status, Map<String, Object> accounts) {
    }

    private final List<String> names;
    private final Map<String, Account> started = new ConcurrentHashMap<>();

    public AccountsOps(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** An account's context has started: from now on it answers for itself. */
    public void started(String name, Account account) {
        started.put(name, account);
    }

    /** {@code GET /healthz[?account=NAME]}. */
    public Object report(@Variable("account") String account) {
        if (account == null || account.isBlank()) {
            Map<String, Object> reports = new LinkedHashMap<>();
            boolean healthy = true;
            for (String name : names) {
                Object report = report(name);
                healthy &= report instanceof SyncHealth.Report each && each.httpStatus() == 200;
                reports.put(name, report);
            }
            return new Overall(healthy ? 200 : 503, healthy ? "UP" : "DOWN", reports);
        }
        if (!names.contains(account)) {
            return unknown(account);
        }
        Account one = started.get(account);
        return one == null ? new TwoFactorInbox.Reply(503, "STARTING", "account " + account + " is starting")
                : one.health().report();
    }

    /** {@code GET /metrics}: every account's metrics, Camel's among them, each sample labelled with its account. */
    public String scrape() {
        Map<String, String> scrapes = new LinkedHashMap<>();
        for (String name : names) {
            Account one = started.get(name);
            if (one != null) {
                scrapes.put(name, one.metrics().scrape());
            }
        }
        return labelled(scrapes);
    }

    /**
     * {@code POST /mfa?account=NAME}; without {@code account}, the code goes to the one account waiting for a code,
     * if only one is.
     */
    public TwoFactorInbox.Reply submit(@Body String body, @Variable("account") String account) {
        if (account == null || account.isBlank()) {
            List<String> waiting = new ArrayList<>();
            started.forEach((name, one) -> {
                if (one.inbox().pending().isPresent()) {
                    waiting.add(name);
                }
            });
            if (waiting.size() > 1) {
                return new TwoFactorInbox.Reply(400, "ambiguous", "accounts " + String.join(", ", waiting.stream()
                        .sorted().toList()) + " wait for a code: POST it to /mfa?account=NAME");
            }
            account = waiting.isEmpty() ? null : waiting.get(0);
            if (account == null) {
                return new TwoFactorInbox.Reply(409, "not-waiting", "no account is waiting for a two-factor code");
            }
        }
        Account one = started.get(account);
        if (one == null) {
            return names.contains(account) ? new TwoFactorInbox.Reply(409, "not-waiting", "account " + account
                    + " is starting") : unknown(account);
        }
        return one.inbox().submit(body);
    }

    private TwoFactorInbox.Reply unknown(String account) {
        return new TwoFactorInbox.Reply(404, "unknown-account", "no account '" + account + "'; the accounts are "
                + String.join(", ", names));
    }

    /**
     * Prometheus text of several registries as one: each metric family once (its HELP and TYPE lines, then every
     * account's samples), each sample with an {@code account} label.
     */
    static String labelled(Map<String, String> scrapes) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<String>> samples = new LinkedHashMap<>();
        scrapes.forEach((account, text) -> {
            String family = "";
            for (String line : text.lines().toList()) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("# ")) {
                    String[] parts = line.split(" ", 4);
                    family = parts.length > 2 ? parts[2] : "";
                    List<String> lines = headers.computeIfAbsent(family, name -> new ArrayList<>());
                    if (!lines.contains(line)) {
                        lines.add(line);
                    }
                } else {
                    samples.computeIfAbsent(family, name -> new ArrayList<>()).add(withAccount(line, account));
                }
            }
        });
        StringBuilder merged = new StringBuilder();
        headers.keySet().forEach(family -> samples.putIfAbsent(family, List.of()));
        samples.forEach((family, lines) -> {
            headers.getOrDefault(family, List.of()).forEach(line -> merged.append(line).append('\n'));
            lines.forEach(line -> merged.append(line).append('\n'));
        });
        return merged.toString();
    }

    /** {@code name{a="b"} 1} → {@code name{account="anna",a="b"} 1}; account names need no escaping. */
    private static String withAccount(String sample, String account) {
        String label = "account=\"" + account + "\"";
        int space = sample.indexOf(' ');
        int brace = sample.indexOf('{');
        if (brace >= 0 && (space < 0 || brace < space)) {
            boolean none = sample.charAt(brace + 1) == '}';
            return sample.substring(0, brace + 1) + label + (none ? "" : ",") + sample.substring(brace + 1);
        }
        return space < 0 ? sample : sample.substring(0, space) + "{" + label + "}" + sample.substring(space);
    }
}
