package com.camelicloud.photos.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake from the shell, for trying the product by hand and for benchmarks: one account with a generated
 * library, the endpoints printed, then serve until killed. Options ({@code --name=value}):
 * <pre>
 * --username=jdoe@example.com  --password='correct horse battery staple'  --seed=1  --count=300
 * --2fa=on|off  --code=123456  --iterations=20064  --content-size=0 (bytes per original; 0 = mixed small sizes)
 * --shared-count=0 (items in an owned Shared Library; 0 = none)  --latency-ms=0
 * --auth-port=0  --cloudkit-port=0  --cdn-port=0 (0 = ephemeral)
 * --accounts=1 (more: that many accounts, jdoe1@example.com, jdoe2@example.com… from --username, each with a library
 *            of --count items from its own seed, for a --config file that lists several accounts)
 * --control (or --control=on): also serve the test-only {@link FakeControl} under /__fake/ on the auth port, so that
 *            a script can read and reset the request counters and change the library while the fake runs
 * </pre>
 */
public final class FakeICloudMain {

    private static final Set<String> OPTIONS = Set.of("username", "password", "seed", "count", "2fa", "code",
            "iterations", "content-size", "shared-count", "latency-ms", "auth-port", "cloudkit-port", "cdn-port", "control", "accounts");

    private FakeICloudMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> o = parse(args);
        String username = o.getOrDefault("username", "jdoe@example.com");
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        int count = Integer.parseInt(o.getOrDefault("count", "300"));
        long contentSize = Long.parseLong(o.getOrDefault("content-size", "0"));
        int sharedCount = Integer.parseInt(o.getOrDefault("shared-count", "0"));
        String code = o.getOrDefault("code", FakeAccount.DEFAULT_CODE);

        FakeICloud fake = FakeICloud.start(port(o, "auth-port"), port(o, "cloudkit-port"), port(o, "cdn-port"));
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        fake.faults().latency(Duration.ofMillis(Long.parseLong(o.getOrDefault("latency-ms", "0"))));
        int accounts = Integer.parseInt(o.getOrDefault("accounts", "1"));
        List<FakeAccount> created = new ArrayList<>();
        for (int i = 1; i <= accounts; i++) {
            created.add(fake.createAccount(accounts == 1 ? username : username.replaceFirst("@", i + "@"),
                            o.getOrDefault("password", "correct horse battery staple"))
                    .srp("s2k", Integer.parseInt(o.getOrDefault("iterations", Integer.toString(FakeAccount.DEFAULT_ITERATIONS))))
                    .twoFactor(!o.getOrDefault("2fa", "on").equalsIgnoreCase("off"))
                    .setTwoFactorCode(code));
        }
        FakeAccount account = created.get(0);

        boolean control = o.getOrDefault("control", "off").equalsIgnoreCase("on");
        if (control) {
            fake.serveOnAuthListener(FakeControl.PREFIX, new FakeControl(fake, account.primaryZone(),
                    contentSize > 0 ? contentSize : null, seed));
        }

        long started = System.nanoTime();
        for (int i = 0; i < created.size(); i++) {
            LibraryGenerator generator = new LibraryGenerator(seed + i);
            if (contentSize > 0) {
                generator.fixedSize(contentSize);
            }
            generator.populate(created.get(i).primaryZone(), count);
            if (sharedCount > 0 && i == 0) {
                generator.populate(account.createSharedZone(), sharedCount);
            }
        }

        System.out.println("Fake iCloud is running (Ctrl-C to stop)");
        System.out.println("  auth endpoint   : " + fake.authEndpoint());
        System.out.println("  setup endpoint  : " + fake.setupEndpoint());
        System.out.println("  cloudkit        : " + fake.cloudKitEndpoint());
        System.out.println("  cdn             : " + fake.cdnEndpoint());
        created.forEach(each -> System.out.println("  account         : " + each.appleId()));
        System.out.println("  2FA code        : " + (o.getOrDefault("2fa", "on").equalsIgnoreCase("off") ? "(2FA off)" : code));
        if (control) {
            System.out.println("  control         : " + fake.authEndpoint().replace(AuthHandler.PREFIX, FakeControl.PREFIX)
                    + "/ (GET counters, POST reset, POST mutate?add=&trash=&favourite=&edit=&hide=, GET cdn-urls)");
        }
        System.out.println("  library         : " + account.primaryZone().liveAssets().size() + " photos in All Photos"
                + (created.size() > 1 ? " of each account" : "") + " ("
                + count + " assets, seed " + seed + ", built in " + (System.nanoTime() - started) / 1_000_000 + " ms)"
                + (sharedCount > 0 ? " + Shared Library of " + sharedCount : ""));
        new CountDownLatch(1).await();
    }

    private static int port(Map<String, String> o, String name) {
        return Integer.parseInt(o.getOrDefault(name, "0"));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--control")) {
                arg = "--control=on";
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + arg + "; options: --" + String.join("=…, --", OPTIONS) + "=…");
            }
            out.put(name, arg.substring(eq + 1));
        }
        return out;
    }
}
