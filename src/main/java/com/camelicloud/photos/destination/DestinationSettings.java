package com.camelicloud.photos.destination;

/**
 * How to reach a remote destination: S3 region, endpoint and credentials; SFTP credentials and host-key
 * checking. Set from the same properties the upload endpoints are configured from (YAML bean), so that uploads and
 * the destination classes connect alike. Secrets never appear in {@link #toString()}.
 */
public class DestinationSettings {

    private String s3Region = "us-east-1";
    private String s3Endpoint = "";
    private String s3AccessKey = "";
    private String s3SecretKey = "";
    private String sftpPassword = "";
    private String sftpPrivateKeyFile = "";
    private String sftpKnownHostsFile = System.getProperty("user.home") + "/.ssh/known_hosts";
    private boolean sftpStrictHostKeyChecking = true;

    public String getS3Region() {
        return s3Region;
    }

    public void setS3Region(String s3Region) {
        this.s3Region = s3Region;
    }

    /** An S3-compatible store's URL (MinIO, Ceph, R2); empty for AWS itself. */
    public String getS3Endpoint() {
        return s3Endpoint;
    }

    public void setS3Endpoint(String s3Endpoint) {
        this.s3Endpoint = s3Endpoint;
    }

    /** Empty: the AWS default credentials chain. */
    public String getS3AccessKey() {
        return s3AccessKey;
    }

    public void setS3AccessKey(String s3AccessKey) {
        this.s3AccessKey = s3AccessKey;
    }

    public String getS3SecretKey() {
        return s3SecretKey;
    }

    public void setS3SecretKey(String s3SecretKey) {
        this.s3SecretKey = s3SecretKey;
    }

    public String getSftpPassword() {
        return sftpPassword;
    }

    public void setSftpPassword(String sftpPassword) {
        this.sftpPassword = sftpPassword;
    }

    public String getSftpPrivateKeyFile() {
        return sftpPrivateKeyFile;
    }

    public void setSftpPrivateKeyFile(String sftpPrivateKeyFile) {
        this.sftpPrivateKeyFile = sftpPrivateKeyFile;
    }

    public String getSftpKnownHostsFile() {
        return sftpKnownHostsFile;
    }

    public void setSftpKnownHostsFile(String sftpKnownHostsFile) {
        this.sftpKnownHostsFile = sftpKnownHostsFile;
    }

    public boolean isSftpStrictHostKeyChecking() {
        return sftpStrictHostKeyChecking;
    }

    public void setSftpStrictHostKeyChecking(boolean sftpStrictHostKeyChecking) {
        this.sftpStrictHostKeyChecking = sftpStrictHostKeyChecking;
    }

    @Override
    public String toString() {
        return "DestinationSettings[region=" + s3Region + ", endpoint=" + s3Endpoint + ", knownHosts=" + sftpKnownHostsFile
                + ", strictHostKeyChecking=" + sftpStrictHostKeyChecking + "]";
    }
}
