package com.camelicloud.photos.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.state.PrivateFiles;

/**
 * The password in an AES-256-GCM encrypted file under the data directory, with its key in a second file beside
 * it, both owner-only (0600). Whoever can read the data directory can decrypt it: the encryption keeps the
 * password out of plain sight (a backup, a grep, a glance), not from the account that runs the sync. The last
 * resort when neither a keyring nor a systemd credential is there.
 *
 * <p>File layout: a version byte, the 12-byte nonce, then the ciphertext with its 16-byte tag; the Apple ID is
 * authenticated data, so a file copied to another account's name does not decrypt.
 */
public final class EncryptedFileStore implements CredentialStore {

    private static final byte VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataDirectory dataDir;
    private final SecureRandom random = new SecureRandom();

    public EncryptedFileStore(Path dataDir) {
        this.dataDir = new DataDirectory(dataDir);
    }

    @Override
    public String name() {
        return "encrypted file";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public String location(String appleId) {
        return dataDir.passwordFile(appleId) + ", its key beside it in " + dataDir.passwordKeyFile(appleId);
    }

    @Override
    public Optional<char[]> read(String appleId) {
        Path file = dataDir.passwordFile(appleId);
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialStoreException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        byte[] key = readKey(appleId).orElseThrow(() -> undecryptable(appleId, "its key file is missing"));
        byte[] plain = null;
        try {
            if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
                throw undecryptable(appleId, "it is not a password file of this version");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), appleId);
            plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain));
            char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return Optional.of(password);
        } catch (GeneralSecurityException | CharacterCodingException e) {
            throw undecryptable(appleId, "its key does not open it");
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    @Override
    public void write(String appleId, char[] password) {
        byte[] key = readKey(appleId).orElse(null);
        byte[] plain = null;
        try {
            if (key == null) {
                key = new byte[KEY_BYTES];
                random.nextBytes(key);
                PrivateFiles.writeAtomically(dataDir.passwordKeyFile(appleId), key);
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(password));
            plain = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, nonce, appleId).doFinal(plain);
            ByteBuffer sealed = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length)
                    .put(VERSION).put(nonce).put(ciphertext);
            PrivateFiles.writeAtomically(dataDir.passwordFile(appleId), sealed.array());
        } catch (IOException e) {
            throw new CredentialStoreException("cannot write " + dataDir.passwordFile(appleId) + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CredentialStoreException("cannot encrypt the password: " + e.getClass().getSimpleName());
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    @Override
    public boolean delete(String appleId) {
        try {
            boolean password = Files.deleteIfExists(dataDir.passwordFile(appleId));
            boolean key = Files.deleteIfExists(dataDir.passwordKeyFile(appleId));
            return password || key;
        } catch (IOException e) {
            throw new CredentialStoreException("cannot delete " + dataDir.passwordFile(appleId) + ": " + e.getMessage());
        }
    }

    private Optional<byte[]> readKey(String appleId) {
        Path file = dataDir.passwordKeyFile(appleId);
        try {
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                Arrays.fill(key, (byte) 0);
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialStoreException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String appleId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(DataDirectory.accountKey(appleId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private CredentialStoreException undecryptable(String appleId, String why) {
        return new CredentialStoreException("the stored password " + dataDir.passwordFile(appleId)
                + " cannot be decrypted (" + why + "); store it again with `password set` or remove it with "
                + "`password clear`");
    }
}
