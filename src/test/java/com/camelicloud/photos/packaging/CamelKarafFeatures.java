package com.camelicloud.photos.packaging;

import java.util.List;
import java.util.Map;

/**
 * What the Camel Karaf 4.18 features that features.xml names bring, as Maven artifacts: the Camel Karaf bundles
 * repackage the Camel jar of the same name and export its packages at the Camel Karaf version; the third-party
 * libraries are those jars as bundles or wrapped. Their bundles are not in the Maven mirror the build reaches,
 * so the build reads the packages from the ordinary jars on the test class path instead.
 *
 * <p>A feature missing here fails the check: add what it brings (from camel-karaf's features.xml) when
 * features.xml starts to need it.
 */
final class CamelKarafFeatures {

    /** Feature name → "groupId:artifactId" of what it installs ("groupId:*" for a whole group). */
    static final Map<String, List<String>> ARTIFACTS = Map.of(
            // camel-blueprint requires camel-core; both come with every Camel feature
            "camel-blueprint", List.of(
                    "org.apache.camel:camel-api", "org.apache.camel:camel-management-api", "org.apache.camel:camel-util",
                    "org.apache.camel:camel-util-json", "org.apache.camel:camel-support", "org.apache.camel:camel-base",
                    "org.apache.camel:camel-base-engine", "org.apache.camel:camel-management",
                    "org.apache.camel:camel-core-model", "org.apache.camel:camel-core-reifier",
                    "org.apache.camel:camel-core-processor", "org.apache.camel:camel-core-engine",
                    "org.apache.camel:camel-core-languages", "org.apache.camel:camel-console",
                    "org.apache.camel:camel-cluster", "org.apache.camel:camel-health", "org.apache.camel:camel-xml-io",
                    "org.apache.camel:camel-bean", "org.apache.camel:camel-direct", "org.apache.camel:camel-file",
                    "org.apache.camel:camel-log", "org.apache.camel:camel-seda", "org.apache.camel:camel-timer"),
            "camel-yaml-dsl", List.of("org.apache.camel:camel-yaml-dsl", "org.apache.camel:camel-yaml-dsl-common",
                    "org.apache.camel:camel-yaml-dsl-deserializers", "org.apache.camel:camel-dsl-support",
                    "org.snakeyaml:snakeyaml-engine"),
            "camel-quartz", List.of("org.apache.camel:camel-quartz", "org.quartz-scheduler:quartz"),
            "camel-sql", List.of("org.apache.camel:camel-sql", "org.springframework:spring-jdbc",
                    "org.springframework:spring-tx", "org.springframework:spring-core",
                    "org.springframework:spring-beans"),
            "camel-jackson", List.of("org.apache.camel:camel-jackson", "com.fasterxml.jackson.core:jackson-databind",
                    "com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-annotations"),
            "camel-aws2-s3", List.of("org.apache.camel:camel-aws2-s3", "org.apache.camel:camel-aws-common",
                    "software.amazon.awssdk:*"),
            "camel-ftp", List.of("org.apache.camel:camel-ftp", "com.github.mwiede:jsch", "commons-net:commons-net"),
            "camel-micrometer", List.of("org.apache.camel:camel-micrometer", "io.micrometer:micrometer-core",
                    "io.micrometer:micrometer-commons"),
            "camel-http", List.of("org.apache.camel:camel-http", "org.apache.camel:camel-http-common",
                    "org.apache.camel:camel-http-base", "org.apache.httpcomponents.client5:httpclient5",
                    "org.apache.httpcomponents.core5:httpcore5", "org.apache.httpcomponents.core5:httpcore5-h2"));

    /**
     * Packages a Camel Karaf container has without any of these features: Blueprint (Aries, which camel-blueprint
     * installs), the OSGi framework and pax-logging's SLF4J. The JRE's packages are added from the running JVM.
     */
    static final List<String> CONTAINER_PACKAGE_PREFIXES = List.of("org.osgi.", "org.slf4j");

    private CamelKarafFeatures() {
    }
}
