package com.camelicloud.photos.credentials;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;

/**
 * The password in the operating system's keyring, through java-keyring: the Secret Service over D-Bus on Linux
 * (GNOME Keyring, KeePassXC, KDE Wallet 5.97+), the Keychain on macOS, the Credential Manager on Windows. The
 * entry is service {@value #SERVICE}, account the Apple ID. java-keyring hands passwords over as {@code String}s,
 * so here the password lingers in memory until collected.
 */
public final class KeyringStore implements CredentialStore {

    private static final String SERVICE = "camel-icloud-photos";
    /** The entry written and removed to find out whether the keyring can store anything. */
    private static final String PROBE_ACCOUNT = "availability-check";
    /** A locked keyring may wait for someone to unlock it; the sync does not wait that long. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    /** How the backends say that the entry does not exist (java-keyring has no exception of its own for that). */
    private static final List<String> NOT_FOUND = List.of("No stored credentials match", "Password not Found",
            "Password is not in wallet", "No password to delete", "Error code 1168");

    private final Map<String, String> environment;
    private final KeyringStorageType type;

    public KeyringStore(Map<String, String> environment) {
        this.environment = environment;
        this.type = typeFor(System.getProperty("os.name", "").toLowerCase(Locale.ROOT));
    }

    private static KeyringStorageType typeFor(String os) {
        if (os.contains("mac")) {
            return KeyringStorageType.OSX_KEYCHAIN;
        }
        if (os.contains("windows")) {
            return KeyringStorageType.WINDOWS_CREDENTIAL_STORE;
        }
        if (os.contains("linux") || os.contains("bsd")) {
            return KeyringStorageType.GNOME_KEYRING;
        }
        return null;
    }

    @Override
    public String name() {
        if (type == KeyringStorageType.OSX_KEYCHAIN) {
            return "OS keyring (macOS Keychain)";
        }
        if (type == KeyringStorageType.WINDOWS_CREDENTIAL_STORE) {
            return "OS keyring (Windows Credential Manager)";
        }
        return "OS keyring (Secret Service)";
    }

    /** Answers only when the keyring can store an entry: a Secret Service without an unlocked collection cannot. */
    @Override
    public Optional<String> unavailableReason() {
        if (type == null) {
            return Optional.of("java-keyring knows no keyring on " + System.getProperty("os.name"));
        }
        if (type == KeyringStorageType.GNOME_KEYRING && isBlank(environment.get("DBUS_SESSION_BUS_ADDRESS"))) {
            return Optional.of("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        }
        try {
            call(keyring -> {
                keyring.setPassword(SERVICE, PROBE_ACCOUNT, PROBE_ACCOUNT);
                keyring.deletePassword(SERVICE, PROBE_ACCOUNT);
                return null;
            });
            return Optional.empty();
        } catch (CredentialStoreException e) {
            return Optional.of("it cannot store a password: " + e.getMessage());
        }
    }

    @Override
    public String location(String appleId) {
        return "service " + SERVICE + ", account " + account(appleId);
    }

    /** The Apple ID as iCloud compares it, so that {@code -u JDoe@…} and {@code -u jdoe@…} share one entry. */
    private static String account(String appleId) {
        return appleId.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<char[]> read(String appleId) {
        return call(keyring -> {
            try {
                return Optional.of(keyring.getPassword(SERVICE, account(appleId)).toCharArray());
            } catch (PasswordAccessException e) {
                if (notFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void write(String appleId, char[] password) {
        call(keyring -> {
            keyring.setPassword(SERVICE, account(appleId), new String(password));
            return null;
        });
    }

    @Override
    public boolean delete(String appleId) {
        return call(keyring -> {
            try {
                keyring.deletePassword(SERVICE, account(appleId));
                return true;
            } catch (PasswordAccessException e) {
                if (notFound(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private interface KeyringCall<T> {
        T apply(Keyring keyring) throws Exception;
    }

    /** Opens the keyring for one call, on a thread of its own so that a keyring waiting for an unlock cannot hang us. */
    private <T> T call(KeyringCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Keyring keyring = Keyring.create(type)) {
                result.complete(call.apply(keyring));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "keyring");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CredentialStoreException("the keyring did not answer within " + ANSWER_TIMEOUT.toSeconds()
                    + " s (locked, with nobody to unlock it?)");
        } catch (ExecutionException e) {
            throw new CredentialStoreException("the keyring failed: " + rootCause(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialStoreException("interrupted while asking the keyring");
        }
    }

    private static boolean notFound(PasswordAccessException e) {
        String message = String.valueOf(e.getMessage());
        return NOT_FOUND.stream().anyMatch(message::startsWith);
    }

    /** The innermost cause says what went wrong (no bus, no Secret Service...); none of them quotes a password. */
    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
