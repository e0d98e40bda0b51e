package com.camelicloud.photos.fake;

/** Every request the fake recognises, for call counting and fault injection; {@link #path()} is the URL tail. */
public enum Endpoint {
    SIGNIN_INIT(Service.AUTH, "signin/init"),
    SIGNIN_COMPLETE(Service.AUTH, "signin/complete"),
    REPAIR(Service.AUTH, "repair/complete"),
    AUTH_STATE(Service.AUTH, ""),
    TRUSTED_DEVICE_PUSH(Service.AUTH, "verify/trusteddevice/securitycode"),
    TRUSTED_DEVICE_VERIFY(Service.AUTH, "verify/trusteddevice/securitycode"),
    PHONE_PUSH(Service.AUTH, "verify/phone"),
    PHONE_VERIFY(Service.AUTH, "verify/phone/securitycode"),
    TRUST(Service.AUTH, "2sv/trust"),
    VALIDATE(Service.SETUP, "validate"),
    ACCOUNT_LOGIN(Service.SETUP, "accountLogin"),
    ZONES_LIST(Service.CLOUDKIT, "zones/list"),
    RECORDS_QUERY(Service.CLOUDKIT, "records/query"),
    QUERY_BATCH(Service.CLOUDKIT, "internal/records/query/batch"),
    RECORDS_LOOKUP(Service.CLOUDKIT, "records/lookup"),
    CHANGES_DATABASE(Service.CLOUDKIT, "changes/database"),
    CHANGES_ZONE(Service.CLOUDKIT, "changes/zone"),
    RECORDS_MODIFY(Service.CLOUDKIT, "records/modify"),
    CDN(Service.CDN, "B"),
    /** Anything else: accepted warm-up calls (e.g. {@code federate}) and unknown paths (404). */
    OTHER(null, null);

    /** The Apple service an endpoint belongs to. */
    public enum Service {
        AUTH,
        SETUP,
        CLOUDKIT,
        CDN
    }

    private final Service service;
    private final String path;

    Endpoint(Service service, String path) {
        this.service = service;
        this.path = path;
    }

    public Service service() {
        return service;
    }

    public String path() {
        return path;
    }

    public boolean isCloudKit() {
        return service == Service.CLOUDKIT;
    }
}
