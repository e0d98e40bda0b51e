package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import org.junit.jupiter.api.Test;

/** {@code list libraries} and {@code list albums}: iCloud's answer, one name per line, with the stored session. */
class ListCommandTest extends EndToEndTest {

    @Test
    void librariesAndAlbumsOnePerLineWithTheStoredSession() {
        String appleId = "lists@example.com";
        // The generated albums of an empty library: Holidays, Jörg (stored decomposed), a folder Trips holding Paris,
        // Empty, Old album; and one deleted since.
        FakeAccount account = account(appleId, 0);
        account.primaryZone().deleteAlbum(account.primaryZone().createAlbum("Deleted"));
        FakeZone shared = account.createSharedZone("00000000-1111-2222-3333-444444444444");
        CliRunner cli = signedIn(appleId);
        fake.resetCounters();

        Result libraries = cli.run("", List.of("list", "libraries"));
        Result albums = cli.run("", List.of("list", "albums"));
        Result sharedAlbums = cli.run("", List.of("list", "albums", "--library", shared.name()));

        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).as("the session is reused").isZero();
        assertThat(libraries.exitCode()).as(libraries.toString()).isZero();
        assertThat(libraries.stdout().lines()).containsExactly("PrimarySync", shared.name());
        assertThat(albums.exitCode()).as(albums.toString()).isZero();
        assertThat(albums.stdout().lines()).containsExactly("Holidays", "Jörg", "Trips/Paris", "Empty", "Old album");
        assertThat(sharedAlbums.exitCode()).as(sharedAlbums.toString()).isZero();
        assertThat(sharedAlbums.stdout()).as("a Shared Library has no albums").isEmpty();
    }

    @Test
    void anUnknownLibraryIsNamedWithTheOnesThere() {
        account("nolibrary@example.com", 0);
        CliRunner cli = signedIn("nolibrary@example.com");

        Result result = cli.run("", List.of("list", "albums", "--library", "SharedSync-NOPE"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("no library named SharedSync-NOPE; libraries found: PrimarySync");
        assertThat(result.stdout()).isEmpty();
    }
}
