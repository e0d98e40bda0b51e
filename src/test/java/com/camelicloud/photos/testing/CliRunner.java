package com.camelicloud.photos.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.cli.Application;
import com.camelicloud.photos.cli.Io;
import com.camelicloud.photos.fake.FakeICloud;

/**
 * Runs the real CLI in this JVM against a fake iCloud, as a user would from a shell (stdin not a
 * terminal), capturing what it prints. System.out is captured too: {@code --only-print-filenames} writes there.
 */
public final class CliRunner {

    private final FakeICloud fake;
    private final Path dataDir;
    private final String appleId;
    private String password = FakeDefaults.PASSWORD;

    public CliRunner(FakeICloud fake, Path dataDir, String appleId) {
        this.fake = fake;
        this.dataDir = dataDir;
        this.appleId = appleId;
    }

    public CliRunner password(String value) {
        this.password = value;
        return this;
    }

    /** The result of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Without a password flag (for tests of the other password sources). */
    public CliRunner withoutPasswordFlag() {
        this.password = null;
        return this;
    }

    /** {@code sync} into {@code directory} with extra flags; {@code stdin} answers two-factor prompts. */
    public Result sync(Path directory, String stdin, String... extraFlags) {
        return sync(directory.toString(), stdin, extraFlags);
    }

    /** {@code sync} to any destination {@code -d} accepts (a folder, s3://, sftp://). */
    public Result sync(String destination, String stdin, String... extraFlags) {
        List<String> args = new ArrayList<>(List.of("sync", "-d", destination, "--no-progress-bar"));
        args.addAll(List.of(extraFlags));
        return run(stdin, args);
    }

    public Result login(String stdin, String... extraFlags) {
        List<String> args = new ArrayList<>(List.of("login"));
        args.addAll(List.of(extraFlags));
        return run(stdin, args);
    }

    public synchronized Result run(String stdin, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-u", appleId, "--auth-endpoint", fake.authEndpoint(), "--setup-endpoint", fake.setupEndpoint()));
        if (!args.contains("--data-dir")) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        if (password != null) {
            args.addAll(List.of("-p", password));
        }
        return runAsGiven(stdin, args);
    }

    /** The CLI with exactly these arguments (a {@code --config} file says which accounts, where). */
    public static Result runAsGiven(String stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capturedOut);
        try {
            int code = Application.run(args.toArray(String[]::new), new Io(
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), capturedOut,
                    new PrintStream(err, true, StandardCharsets.UTF_8), false));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }
}
