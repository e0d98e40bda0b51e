package com.camelicloud.photos.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import picocli.CommandLine;

/** Entry point of the executable jar: {@code java -jar camel-icloud-photos.jar [COMMAND] [FLAGS]}. */
public final class Application {

    private static final Set<String> COMMANDS = Set.of("sync", "login", "password", "status", "list", "import-existing",
            "verify", "help");
    private static final Set<String> ROOT_FLAGS = Set.of("-h", "--help", "-V", "--version");

    private Application() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (LeanJvm.wanted()) {
            try {
                System.exit(LeanJvm.run(args));
            } catch (IOException e) {
                System.err.println("Could not start a JVM with " + String.join(" ", LeanJvm.OPTIONS) + " (" + e.getMessage()
                        + "); running in this one");
            }
        }
        System.exit(run(args, Io.system()));
    }

    /** Runs one command and returns its exit code (see {@link ExitCode}). */
    public static int run(String[] args, Io io) {
        CommandLine commandLine = new CommandLine(new RootCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    // the commands take the run's streams
                    return type.getConstructor(Io.class).newInstance(io);
                } catch (NoSuchMethodException noStreams) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        });
        commandLine.setOut(new java.io.PrintWriter(io.out(), true));
        commandLine.setErr(new java.io.PrintWriter(io.err(), true));
        commandLine.setParameterExceptionHandler((e, unused) -> {
            io.err().println("Error: " + e.getMessage());
            io.err().println("Run with --help for the list of flags.");
            return ExitCode.ERROR;
        });
        return commandLine.execute(withDefaultCommand(args));
    }

    /** kei and icloudpd run {@code sync} when no command is named: {@code -u X -d Y} means {@code sync -u X -d Y}. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length > 0 && (COMMANDS.contains(args[0]) || (args.length == 1 && ROOT_FLAGS.contains(args[0])))) {
            return args;
        }
        List<String> withSync = new ArrayList<>(List.of(args));
        withSync.add(0, "sync");
        return withSync.toArray(String[]::new);
    }
}
