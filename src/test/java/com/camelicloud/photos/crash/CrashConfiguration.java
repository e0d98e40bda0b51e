package com.camelicloud.photos.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.camelicloud.photos.sync.ChangePage;
import com.camelicloud.photos.sync.FileTask;
import com.camelicloud.photos.sync.LibraryChange;
import com.camelicloud.photos.sync.SyncProperties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Test-only Camel configuration that kills the JVM like {@code kill -9} ({@link Runtime#halt}: no shutdown hook, no
 * finally block, no flush) at one chosen instant of a sync. The crash sync runs the product's own main class in a child
 * JVM started with {@code -Dcamel.main.configuration-classes=com.camelicloud.photos.crash.CrashConfiguration} (Camel
 * Main reads {@code camel.main.*} from system properties too, so the product needs no hook) and:
 * <ul>
 * <li>{@code -Dcrash.at=sending:<uri part>} / {@code sent:<uri part>}: before / after the {@code crash.count}-th
 * exchange sent to an endpoint whose normalized URI contains the part;</li>
 * <li>{@code -Dcrash.at=published}: right after the {@code crash.count}-th file is renamed into place in the
 * destination (the {@code file:} producer is done, nothing has recorded it yet); {@code crash.files} is the part of
 * the destination's {@code file:} URI that tells it from the audit log's;</li>
 * <li>{@code -Dcrash.at=last-file-of-page}: right after the last file of the {@code crash.count}-th page that
 * downloads anything is published;</li>
 * <li>{@code -Dcrash.at=partial-download}: while a new temp file in {@code crash.temp-dir} holds some bytes;</li>
 * <li>{@code -Dcrash.at=resumed-download}: while a temp file left by an earlier run has grown (a resumed download)
 * but is not complete yet; if one shrinks instead (the download started over), it halts saying so.</li>
 * </ul>
 * Without {@code crash.at} it does nothing. {@code -Dcrash.trace=true} prints every endpoint event's URI. Other
 * threads keep working until the halt takes effect, as they would until a real SIGKILL lands.
 */
public class CrashConfiguration implements CamelConfiguration {

    /** The exit status of a process killed by SIGKILL, as a shell reports it. */
    public static final int KILLED = 137;

    @Override
    public void configure(CamelContext camelContext) {
        String at = System.getProperty("crash.at");
        boolean trace = Boolean.getBoolean("crash.trace");
        if (at == null && !trace) {
            return;
        }
        int count = Integer.getInteger("crash.count", 1);
        System.err.println("[crash] armed: " + at + " #" + count);
        if (at != null && at.endsWith("-download")) {
            startTempFileWatch(Path.of(System.getProperty("crash.temp-dir")), System.getProperty("crash.temp-suffix",
                    ".icloud-tmp"), at.equals("resumed-download"));
        }
        camelContext.getManagementStrategy().addEventNotifier(new Crasher(at == null ? "" : at, count, trace));
    }

    /** Says why on stderr, bypassing System.err's lock (other threads keep working until the halt), and halts. */
    static void halt(String why) {
        try {
            new FileOutputStream(FileDescriptor.err).write(("[crash] halting: " + why + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // halt anyway
        }
        Runtime.getRuntime().halt(KILLED);
    }

    /** Halts at the n-th matching endpoint event. */
    private static final class Crasher extends EventNotifierSupport {

        private final String kind;
        private final String uriPart;
        private final int count;
        private final boolean trace;
        private final AtomicInteger seen = new AtomicInteger();
        /** last-file-of-page: files still to publish per page, and pages whose files are all published. */
        private final Map<ChangePage, int[]> remaining = new IdentityHashMap<>();
        private int pagesDone;

        Crasher(String at, int count, boolean trace) {
            int colon = at.indexOf(':');
            String name = colon < 0 ? at : at.substring(0, colon);
            boolean destination = name.equals("published") || name.equals("last-file-of-page");
            this.kind = name.equals("published") ? "sent" : name;
            this.uriPart = destination ? System.getProperty("crash.files") : colon < 0 ? "" : at.substring(colon + 1);
            this.count = count;
            this.trace = trace;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            boolean sending = event instanceof ExchangeSendingEvent;
            Endpoint endpoint = sending ? ((ExchangeSendingEvent) event).getEndpoint() : ((ExchangeSentEvent) event).getEndpoint();
            String uri = endpoint.getEndpointUri();
            if (trace) {
                System.err.println("[crash] " + (sending ? "sending " : "sent ") + uri);
            }
            if (!uri.contains(uriPart)) {
                return;
            }
            switch (kind) {
                case "sending", "sent" -> {
                    if (sending == kind.equals("sending") && seen.incrementAndGet() == count) {
                        halt(kind + " " + uri + " #" + count);
                    }
                }
                case "last-file-of-page" -> {
                    if (!sending) {
                        lastFileOfPage(((ExchangeSentEvent) event).getExchange(), uri);
                    }
                }
                default -> {
                    // the temp file watch does the rest
                }
            }
        }

        private synchronized void lastFileOfPage(Exchange exchange, String uri) {
            ChangePage page = exchange.getProperty(SyncProperties.PAGE, ChangePage.class);
            if (page == null) {
                return;
            }
            // Counted at the page's first publication: nothing of it is marked stored yet, failures are not pending.
            int[] left = remaining.computeIfAbsent(page, p -> new int[] {pendingFiles(p)});
            if (--left[0] == 0 && ++pagesDone == count) {
                halt("last file of page " + page.getSequence() + " published (" + uri + ")");
            }
        }

        private static int pendingFiles(ChangePage page) {
            Set<FileTask> tasks = Collections.newSetFromMap(new IdentityHashMap<>());
            for (LibraryChange change : page.getChanges()) {
                for (FileTask task : change.getFiles()) {
                    if (task.getChange() == change && task.isPending()) {
                        tasks.add(task);
                    }
                }
            }
            return tasks.size();
        }
    }

    /**
     * Watches the temp folder every few milliseconds. {@code resumed}: halts when a temp file that existed at start
     * (a partial download of the crashed run) has grown; otherwise when any new temp file holds bytes.
     */
    private static void startTempFileWatch(Path directory, String suffix, boolean resumed) {
        Map<Path, Long> initial = sizes(directory, suffix);
        if (resumed && initial.values().stream().noneMatch(size -> size > 0)) {
            halt("no partial download to resume in " + directory);
        }
        Thread watch = new Thread(() -> {
            while (true) {
                for (Map.Entry<Path, Long> file : sizes(directory, suffix).entrySet()) {
                    Long before = initial.get(file.getKey());
                    long now = file.getValue();
                    if (resumed && before != null && now < before) {
                        halt("restarted download " + file.getKey().getFileName() + ": " + now + " bytes, was " + before);
                    }
                    if (resumed ? before != null && before > 0 && now > before : before == null && now > 0) {
                        halt((resumed ? "resumed download " : "download ") + file.getKey().getFileName() + " at "
                                + now + " bytes" + (resumed ? " (was " + before + ")" : ""));
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "crash-temp-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static Map<Path, Long> sizes(Path directory, String suffix) {
        Map<Path, Long> sizes = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return sizes;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, p -> p.getFileName().toString().endsWith(suffix))) {
            for (Path file : files) {
                try {
                    sizes.put(file, Files.size(file));
                } catch (NoSuchFileException gone) {
                    // published meanwhile
                }
            }
        } catch (IOException e) {
            // the folder is being created or removed; look again
        }
        return sizes;
    }
}
