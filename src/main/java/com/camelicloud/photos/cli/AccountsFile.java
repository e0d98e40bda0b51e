package com.camelicloud.photos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The accounts a {@code --config} file lists, one {@code sync} for all of them: {@code accounts.<name>.<key>} lines,
 * where the key is any setting ({@code accounts.anna.download.threads=2}) or one of the shorthands
 * {@code username}, {@code directory} and {@code password-file}; the file's top-level keys are every account's
 * defaults. {@link Settings#resolve(java.util.Collection, Path, String)} reads an account's settings from it.
 */
final class AccountsFile {

    static final String PREFIX = "accounts.";
    /** Read here, not a setting: on the command line the password's source is a flag. */
    static final String PASSWORD_FILE = "password-file";
    private static final Map<String, String> SHORTHANDS = Map.of(
            "username", "icloud.username",
            "directory", "sync.directory");
    /** An account's name is also its Camel context's name and its label in messages and metrics. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** One account: its name and its {@code password-file}, or null. */
    record Account(String name, Path passwordFile) {
    }

    private AccountsFile() {
    }

    /** Whether a file's key belongs to an account rather than to them all. */
    static boolean isAccountKey(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * The setting an account's line sets: {@code download.threads} for {@code accounts.anna.download.threads} when
     * {@code account} is {@code anna}; null for another account's line and for {@code password-file}.
     */
    static String settingKey(String account, String key) {
        String own = PREFIX + account + ".";
        if (account == null || !key.startsWith(own)) {
            return null;
        }
        String rest = key.substring(own.length());
        return rest.equals(PASSWORD_FILE) ? null : SHORTHANDS.getOrDefault(rest, rest);
    }

    /**
     * The accounts {@code file} lists, in the order they first appear; empty when it lists none.
     *
     * @throws UsageException naming the file and line of a malformed account line
     */
    static List<Account> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        String name = file.toAbsolutePath().normalize().toString();
        Map<String, Path> accounts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (PropertiesFile.Entry entry : PropertiesFile.parse(bytes, name)) {
            if (!isAccountKey(entry.key())) {
                continue;
            }
            String rest = entry.key().substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String account = dot < 0 ? rest : rest.substring(0, dot);
            if (dot < 0 || dot == rest.length() - 1 || !NAME.matcher(account).matches()) {
                problems.add(name + " line " + entry.line() + ": '" + entry.key() + "' is no account setting; write "
                        + "accounts.NAME.KEY (NAME of letters, digits, - and _), e.g. accounts.anna.username=…");
                continue;
            }
            accounts.putIfAbsent(account, null);
            if (rest.substring(dot + 1).equals(PASSWORD_FILE)) {
                Path passwordFile = Path.of(entry.value().trim());
                if (!Files.isReadable(passwordFile)) {
                    problems.add(name + " line " + entry.line() + ": " + entry.key() + " " + passwordFile
                            + " does not exist or is not readable");
                }
                accounts.put(account, passwordFile);
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems));
        }
        List<Account> listed = new ArrayList<>();
        accounts.forEach((account, passwordFile) -> listed.add(new Account(account, passwordFile)));
        return listed;
    }
}
