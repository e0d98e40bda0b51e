package com.camelicloud.photos.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.state.DataDirectory;

/** Reads (and, for time travel, edits) an account's state database the way a support engineer would. */
public final class StateDb {

    private final String url;

    public StateDb(Path databaseFile) {
        this.url = "jdbc:sqlite:" + databaseFile;
    }

    /** The state database of {@code appleId}'s one destination under {@code stateDir}. */
    public static StateDb of(Path stateDir, String appleId) {
        return new StateDb(fileOf(stateDir, appleId));
    }

    /** The file of {@code appleId}'s one state database; fails when the account has none or several. */
    public static Path fileOf(Path stateDir, String appleId) {
        List<Path> files = new DataDirectory(stateDir).databaseFiles(appleId);
        if (files.size() != 1) {
            throw new IllegalStateException("expected one state database of " + appleId + " in " + stateDir + ", found "
                    + files);
        }
        return files.get(0);
    }

    /** The state database of {@code appleId}'s destination {@code destination} ({@code Destination.identity()}). */
    public static StateDb of(Path stateDir, String appleId, String destination) {
        return new StateDb(new DataDirectory(stateDir).databaseFile(appleId, destination));
    }

    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnName(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> asset(String zone, String assetId) {
        List<Map<String, Object>> rows = rows("SELECT * FROM asset WHERE zone_name = ? AND asset_id = ?", zone, assetId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public String zoneToken(String zone) {
        List<Map<String, Object>> rows = rows("SELECT sync_token FROM zone_token WHERE zone_name = ?", zone);
        return rows.isEmpty() ? null : (String) rows.get(0).get("sync_token");
    }

    /** The changes/database token of {@code database} ({@code private} or {@code shared}). */
    public String databaseToken(String database) {
        List<Map<String, Object>> rows = rows("SELECT sync_token FROM database_token WHERE database_name = ?", database);
        return rows.isEmpty() ? null : (String) rows.get(0).get("sync_token");
    }

    public void execute(String sql, Object... args) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
