package com.camelicloud.photos.component;

import com.camelicloud.photos.download.DownloadGuard;
import com.camelicloud.photos.download.DownloadSlots;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code icloud-photos:appleId} endpoint; component-level values are the defaults. */
@UriParams
public class ICloudPhotosConfiguration implements Cloneable {

    @UriPath(description = "The Apple ID whose library is read")
    @Metadata(required = true)
    private String appleId;
    @UriParam(defaultValue = "listChanges", description = "listChanges, download, countItems, listLibraries, lookupItems "
            + "or moveToRecentlyDeleted")
    private ICloudPhotosOperations operation = ICloudPhotosOperations.listChanges;
    @UriParam(defaultValue = "PrimarySync", description = "PrimarySync, all, or a SharedSync-<UUID> zone name")
    private String library = "PrimarySync";
    @UriParam(defaultValue = "false", description = "Ignore stored sync tokens and list every library in full")
    private boolean fullEnumeration;
    @UriParam(defaultValue = "10", description = "An item is retried in later cycles until one of its files failed this many times")
    private int maxDownloadAttempts = 10;
    @UriParam(defaultValue = "false", description = "Only retry items that failed before (no change feed)")
    private boolean retryFailedOnly;
    @UriParam(defaultValue = "keep", enums = "keep,skip,quarantine", description = "The hidden-photo policy: with keep,"
            + " hidden photos are part of the copy, so full listings also read the Hidden index")
    private String onHidden = "keep";
    @UriParam(defaultValue = "false", description = "Only fetch the files of items that lack some, as verify --repair does (no change feed)")
    private boolean repairOnly;
    @UriParam(label = "account", description = "Directory of the session and state files (default ~/.config/camel-icloud-photos)")
    private String dataDir = System.getProperty("user.home") + "/.config/camel-icloud-photos";
    @UriParam(label = "account", defaultValue = "com", description = "iCloud region: com or cn")
    private String domain = "com";
    @UriParam(label = "account,advanced", description = "Apple ID service base URL (for proxies and tests)")
    private String authEndpoint;
    @UriParam(label = "account,advanced", description = "iCloud setup service base URL (for proxies and tests)")
    private String setupEndpoint;
    @UriParam(label = "account,advanced", description = "User-Agent sent to Apple")
    private String userAgent;
    @UriParam(label = "account,advanced", defaultValue = "30000", description = "Timeout of one API request, in ms")
    private long requestTimeout = 30_000;
    @UriParam(label = "download", description = "Directory of partial downloads (same filesystem as the destination for atomic publishing)")
    private String tempDirectory;
    @UriParam(label = "download", defaultValue = ".icloud-tmp", description = "Suffix of partial downloads")
    private String tempSuffix = ".icloud-tmp";
    @UriParam(label = "download", defaultValue = "3", description = "Retries per transfer (0-100)")
    private int maxRetries = 3;
    @UriParam(label = "download", defaultValue = "5", description = "Initial retry delay in seconds; exponential with jitter")
    private int retryDelay = 5;
    @UriParam(label = "download", description = "Total download bandwidth cap, e.g. 10M, 500K, 2Mi")
    private String bandwidthLimit;
    @UriParam(label = "download,advanced", description = "Asked between chunks: stops every download at once by throwing (a node that no longer leads the sync)")
    private DownloadGuard downloadGuard = DownloadGuard.NONE;
    @UriParam(label = "download,advanced", description = "CDN requests at once, shared with every other downloader given the same instance (the accounts of one process)")
    private DownloadSlots downloadSlots;
    @UriParam(label = "modify", defaultValue = "10", description = "Seconds between two records/modify requests of the "
            + "account (moves to Recently Deleted are paced)")
    private int modifyInterval = 10;

    public ICloudPhotosConfiguration copy() {
        try {
            return (ICloudPhotosConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getAppleId() {
        return appleId;
    }

    public void setAppleId(String appleId) {
        this.appleId = appleId;
    }

    public ICloudPhotosOperations getOperation() {
        return operation;
    }

    public void setOperation(ICloudPhotosOperations operation) {
        this.operation = operation;
    }

    public String getLibrary() {
        return library;
    }

    public void setLibrary(String library) {
        this.library = library;
    }

    public boolean isFullEnumeration() {
        return fullEnumeration;
    }

    public void setFullEnumeration(boolean fullEnumeration) {
        this.fullEnumeration = fullEnumeration;
    }

    public int getMaxDownloadAttempts() {
        return maxDownloadAttempts;
    }

    public void setMaxDownloadAttempts(int maxDownloadAttempts) {
        this.maxDownloadAttempts = maxDownloadAttempts;
    }

    public boolean isRetryFailedOnly() {
        return retryFailedOnly;
    }

    public void setRetryFailedOnly(boolean retryFailedOnly) {
        this.retryFailedOnly = retryFailedOnly;
    }

    public String getOnHidden() {
        return onHidden;
    }

    public void setOnHidden(String onHidden) {
        this.onHidden = onHidden;
    }

    /** Whether hidden photos are part of the copy ({@code onHidden=keep}). */
    public boolean keepsHidden() {
        return "keep".equalsIgnoreCase(onHidden == null ? "" : onHidden.trim());
    }

    public boolean isRepairOnly() {
        return repairOnly;
    }

    public void setRepairOnly(boolean repairOnly) {
        this.repairOnly = repairOnly;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getAuthEndpoint() {
        return authEndpoint;
    }

    public void setAuthEndpoint(String authEndpoint) {
        this.authEndpoint = authEndpoint;
    }

    public String getSetupEndpoint() {
        return setupEndpoint;
    }

    public void setSetupEndpoint(String setupEndpoint) {
        this.setupEndpoint = setupEndpoint;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getTempDirectory() {
        return tempDirectory;
    }

    public void setTempDirectory(String tempDirectory) {
        this.tempDirectory = tempDirectory;
    }

    public String getTempSuffix() {
        return tempSuffix;
    }

    public void setTempSuffix(String tempSuffix) {
        this.tempSuffix = tempSuffix;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public int getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(int retryDelay) {
        this.retryDelay = retryDelay;
    }

    public int getModifyInterval() {
        return modifyInterval;
    }

    public void setModifyInterval(int modifyInterval) {
        this.modifyInterval = modifyInterval;
    }

    public String getBandwidthLimit() {
        return bandwidthLimit;
    }

    public void setBandwidthLimit(String bandwidthLimit) {
        this.bandwidthLimit = bandwidthLimit;
    }

    public DownloadGuard getDownloadGuard() {
        return downloadGuard;
    }

    public void setDownloadGuard(DownloadGuard downloadGuard) {
        this.downloadGuard = downloadGuard == null ? DownloadGuard.NONE : downloadGuard;
    }

    public DownloadSlots getDownloadSlots() {
        return downloadSlots;
    }

    public void setDownloadSlots(DownloadSlots downloadSlots) {
        this.downloadSlots = downloadSlots;
    }
}
