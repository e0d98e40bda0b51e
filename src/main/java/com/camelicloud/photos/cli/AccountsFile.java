package com.camelicloud.photos.cli;

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
    private static final String USERNAME = "icloud.username";
    private static final Map<String, String> SHORTHANDS = Map.of(
            "username", USERNAME,
            "directory", "sync.directory");
    /** An account's name is also its Camel context's name and its label in messages and metrics. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** One account: its name, its Apple ID as the file writes it, and its {@code password-file}; null when not given. */
    record Account(String name, String username, Path passwordFile) {
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
     * The account of {@code config} whose Apple ID is {@code username}, for the commands of one account ({@code login
     * --code}, {@code status}…) given {@code -u} and the file of several; null when the file lists no such account.
     */
    static String nameOf(Path config, String username) {
        if (config == null || username == null || !Files.isRegularFile(config)) {
            return null;
        }
        return read(config).stream().filter(account -> username.trim().equalsIgnoreCase(account.username()))
                .map(Account::name).findFirst().orElse(null);
    }

    /**
     * The accounts {@code file} lists, in the order they first appear; empty when it lists none.
     *
     * @throws UsageException naming the file and line of a malformed account line
     */
    static List<Account> read(Path file) {
        Map<String, String> usernames = new LinkedHashMap<>();
        Map<String, Path> passwordFiles = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (PropertiesFile.Entry entry : PropertiesFile.read(file)) {
            if (!isAccountKey(entry.key())) {
                continue;
            }
            String rest = entry.key().substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String account = dot < 0 ? rest : rest.substring(0, dot);
            if (dot < 0 || dot == rest.length() - 1 || !NAME.matcher(account).matches()) {
                problems.add(entry.file() + " line " + entry.line() + ": '" + entry.key() + "' is no account setting; write "
                        + "accounts.NAME.KEY (NAME of letters, digits, - and _), e.g. accounts.anna.username=…");
                continue;
            }
            usernames.putIfAbsent(account, null);
            String key = settingKey(account, entry.key());
            if (USERNAME.equals(key)) {
                usernames.put(account, entry.value().trim());
            } else if (key == null) {
                Path passwordFile = Path.of(entry.value().trim());
                if (!Files.isReadable(passwordFile)) {
                    problems.add(entry.file() + " line " + entry.line() + ": " + entry.key() + " " + passwordFile
                            + " does not exist or is not readable");
                }
                passwordFiles.put(account, passwordFile);
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems));
        }
        List<Account> listed = new ArrayList<>();
        usernames.forEach((account, username) -> listed.add(new Account(account, username, passwordFiles.get(account))));
        return listed;
    }
}
