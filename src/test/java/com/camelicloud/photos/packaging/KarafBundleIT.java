package com.camelicloud.photos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.camelicloud.photos.runtime.PackagedRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Karaf packaging, checked as far as a build without the Camel Karaf bundles can: the OSGi bundle built by
 * {@code package} (target/camel-icloud-photos-osgi.jar) against target/karaf/features.xml. Nothing here starts a
 * Karaf; see README "Deployment".
 */
class KarafBundleIT {

    private static final String FEATURES_NS = "http://karaf.apache.org/xmlns/features/v1.6.0";
    private static final Pattern MVN = Pattern.compile("mvn:([^/]+)/([^/]+)/([^/]+)(?:/([^/]+))?(?:/([^/]+))?");
    private static final Pattern CLASS_NAME = Pattern.compile("\"((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*)\"");

    private static Path bundle;
    private static Path features;
    private static String projectVersion;
    private static String camelVersion;
    private static Attributes manifest;
    private static Document featuresXml;
    private static Map<String, Path> classPathJars;

    @BeforeAll
    static void read() throws Exception {
        bundle = Path.of(System.getProperty("karaf.bundle", "target/camel-icloud-photos-osgi.jar"));
        features = Path.of(System.getProperty("karaf.features", "target/karaf/features.xml"));
        projectVersion = System.getProperty("project.version");
        camelVersion = System.getProperty("camel.version");
        assertThat(bundle).as("the OSGi bundle is built by mvn package").isRegularFile();
        assertThat(features).as("features.xml is filtered by mvn process-resources").isRegularFile();
        assertThat(projectVersion).as("-Dproject.version (set by the failsafe configuration)").isNotBlank();
        try (JarFile jar = new JarFile(bundle.toFile())) {
            manifest = jar.getManifest().getMainAttributes();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        featuresXml = factory.newDocumentBuilder().parse(features.toFile());
        classPathJars = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            // .../groupId/as/path/artifactId/version/artifactId-version.jar in a Maven repository
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && jar.getNameCount() > 4) {
                String version = jar.getParent().getFileName().toString();
                String artifactId = jar.getParent().getParent().getFileName().toString();
                if (jar.getFileName().toString().equals(artifactId + "-" + version + ".jar")) {
                    Path groupPath = jar.getParent().getParent().getParent();
                    classPathJars.put(artifactId + ":" + version, jar);
                    classPathJars.put(groupPath.toString().replace(File.separatorChar, '/') + "/" + artifactId, jar);
                }
            }
        }
        assertThat(classPathJars).as("the test class path lists the dependency jars").isNotEmpty();
    }

    @Test
    void theBundleIsNamedVersionedAndCarriesTheRoutesTheirDefaultsAndTheBlueprintContext() throws IOException {
        assertThat(manifest.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("com.camelicloud.photos");
        assertThat(manifest.getValue("Bundle-Version")).isEqualTo(OsgiHeaders.osgiVersion(projectVersion));
        assertThat(manifest.getValue("Bundle-Blueprint")).isEqualTo("OSGI-INF/blueprint/camel-icloud-photos.xml");
        assertThat(manifest.getValue("Require-Capability")).contains("(osgi.ee=JavaSE)(version=17)");

        Set<String> exported = names(OsgiHeaders.parse(manifest.getValue("Export-Package")));
        assertThat(exported).contains("com.camelicloud.photos.component", "com.camelicloud.photos.runtime",
                "com.camelicloud.photos.sync", "com.camelicloud.photos.state").doesNotContain("com.camelicloud.photos.cli");
        try (JarFile jar = new JarFile(bundle.toFile())) {
            for (String file : PackagedRoutes.ROUTE_FILES) {
                assertThat(jar.getEntry(file)).as(file).isNotNull();
            }
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/component/icloud-photos")).isNotNull();
            assertThat(jar.getEntry(manifest.getValue("Bundle-Blueprint"))).isNotNull();
            try (InputStream defaults = jar.getInputStream(jar.getEntry(PackagedRoutes.DEFAULTS))) {
                assertThat(new String(defaults.readAllBytes(), StandardCharsets.UTF_8))
                        .as("the bundle's defaults are config/application.properties")
                        .isEqualTo(Files.readString(Path.of("config/application.properties")));
            }
            assertThat(jar.stream().map(JarEntry::getName))
                    .as("the command line and its credential stores stay out of the bundle")
                    .noneMatch(name -> name.startsWith("com/camelicloud/photos/cli/")
                            || name.startsWith("com/camelicloud/photos/credentials/"));
        }
    }

    @Test
    void featuresXmlIsWellFormedAndNamesTheArtifactsAndVersionsOfThePom() throws IOException {
        Element root = featuresXml.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(FEATURES_NS);
        assertThat(root.getLocalName()).isEqualTo("features");
        assertThat(Files.readString(features)).as("every Maven property is filtered")
                .doesNotContainPattern("\\$\\{(?!karaf\\.etc\\})");

        String camelKaraf = null;
        for (Element repository : elements(root, "repository")) {
            Matcher m = MVN.matcher(repository.getTextContent().trim());
            assertThat(m.matches()).as(repository.getTextContent()).isTrue();
            assertThat(m.group(1) + ":" + m.group(2)).isEqualTo("org.apache.camel.karaf:apache-camel");
            assertThat(m.group(4) + "/" + m.group(5)).isEqualTo("xml/features");
            camelKaraf = m.group(3);
        }
        assertThat(camelKaraf).as("the Camel Karaf features repository").isNotNull();
        assertThat(minor(camelKaraf)).as("Camel Karaf of the Camel line the pom builds with").isEqualTo(minor(camelVersion));

        Element feature = single(elements(root, "feature"));
        assertThat(feature.getAttribute("name")).isEqualTo("camel-icloud-photos");
        assertThat(feature.getAttribute("version")).isEqualTo(projectVersion);
        for (Element dependency : elements(feature, "feature")) {
            assertThat(OsgiHeaders.inRange(OsgiHeaders.osgiVersion(camelKaraf), dependency.getAttribute("version")))
                    .as(dependency.getTextContent() + " " + dependency.getAttribute("version") + " admits " + camelKaraf)
                    .isTrue();
            assertThat(CamelKarafFeatures.ARTIFACTS).as("what " + dependency.getTextContent() + " brings is known")
                    .containsKey(dependency.getTextContent().trim());
        }

        List<Element> bundles = elements(feature, "bundle");
        assertThat(bundles).isNotEmpty();
        for (Element element : bundles) {
            Matcher m = MVN.matcher(element.getTextContent().trim());
            assertThat(m.matches()).as(element.getTextContent()).isTrue();
            if (m.group(2).equals("camel-icloud-photos")) {
                assertThat(m.group(1)).isEqualTo("com.camelicloud");
                assertThat(m.group(3)).isEqualTo(projectVersion);
                assertThat(m.group(4) + "/" + m.group(5)).as("the bundle is the jar with classifier osgi")
                        .isEqualTo("jar/osgi");
                assertThat(bundle.getFileName().toString()).endsWith("-osgi.jar");
            } else {
                assertThat(classPathJars).as(element.getTextContent()
                        + ": the same artifact and version as a dependency of the pom").containsKey(m.group(2) + ":" + m.group(3));
                assertThat(classPathJars.get(m.group(2) + ":" + m.group(3)).toString().replace(File.separatorChar, '/'))
                        .contains("/" + m.group(1).replace('.', '/') + "/");
                try (JarFile jar = new JarFile(classPathJars.get(m.group(2) + ":" + m.group(3)).toFile())) {
                    assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                            .as(element.getTextContent() + " is an OSGi bundle as published (no wrap: needed)").isNotBlank();
                }
            }
        }
        for (Element configfile : elements(feature, "configfile")) {
            Matcher m = MVN.matcher(configfile.getTextContent().trim());
            assertThat(m.matches()).isTrue();
            assertThat(m.group(3)).isEqualTo(projectVersion);
            assertThat(features.resolveSibling("com.camelicloud.photos.cfg")).as("the attached example settings")
                    .isRegularFile();
        }
    }

    @Test
    void everyImportOfTheBundleIsExportedByTheFeaturesOrOptional() throws IOException {
        Map<String, List<String>> exports = new TreeMap<>(); // package -> versions offered
        Element feature = single(elements(featuresXml.getDocumentElement(), "feature"));
        String camelKaraf = OsgiHeaders.osgiVersion(MVN.matcher(single(elements(featuresXml.getDocumentElement(),
                "repository")).getTextContent().trim()).results().findFirst().orElseThrow().group(3));
        for (Element element : elements(feature, "bundle")) {
            Matcher m = MVN.matcher(element.getTextContent().trim());
            if (m.matches() && !m.group(2).equals("camel-icloud-photos")) {
                try (JarFile jar = new JarFile(classPathJars.get(m.group(2) + ":" + m.group(3)).toFile())) {
                    for (OsgiHeaders.Clause clause : OsgiHeaders.parse(jar.getManifest().getMainAttributes()
                            .getValue("Export-Package"))) {
                        exports.computeIfAbsent(clause.name(), p -> new ArrayList<>())
                                .add(clause.version() == null ? "0.0.0" : clause.version());
                    }
                }
            }
        }
        List<String> missingJars = new ArrayList<>();
        for (Element dependency : elements(feature, "feature")) {
            for (String artifact : CamelKarafFeatures.ARTIFACTS.get(dependency.getTextContent().trim())) {
                List<Path> jars = jarsOf(artifact);
                if (jars.isEmpty()) {
                    missingJars.add(artifact);
                }
                for (Path jar : jars) {
                    String version = artifact.startsWith("org.apache.camel:") ? camelKaraf
                            : bundleVersion(jar).orElse(OsgiHeaders.osgiVersion(jar.getParent().getFileName().toString()));
                    for (String pkg : packagesOf(jar)) {
                        exports.computeIfAbsent(pkg, p -> new ArrayList<>()).add(version);
                    }
                }
            }
        }
        assertThat(exports).as("Camel's own packages were found on the class path").containsKeys("org.apache.camel",
                "org.apache.camel.support", "org.apache.camel.builder", "org.springframework.jdbc.core");

        Set<String> jre = new TreeSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            module.getDescriptor().exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                    .forEach(jre::add);
        }
        Set<String> own = names(OsgiHeaders.parse(manifest.getValue("Export-Package")));
        Map<String, String> unresolved = new LinkedHashMap<>();
        for (OsgiHeaders.Clause imported : OsgiHeaders.parse(manifest.getValue("Import-Package"))) {
            String pkg = imported.name();
            if (imported.optional() || own.contains(pkg) || jre.contains(pkg)
                    || CamelKarafFeatures.CONTAINER_PACKAGE_PREFIXES.stream().anyMatch(pkg::startsWith)) {
                continue;
            }
            List<String> offered = exports.getOrDefault(pkg, List.of());
            if (offered.stream().noneMatch(version -> OsgiHeaders.inRange(version, imported.version()))) {
                unresolved.put(pkg, (imported.version() == null ? "any version" : imported.version())
                        + (offered.isEmpty() ? ", exported by nothing in features.xml" : ", offered " + offered));
            }
        }
        assertThat(unresolved).as("imports no feature of features.xml exports (jars not found: " + missingJars + ")")
                .isEmpty();
        assertThat(names(OsgiHeaders.parse(manifest.getValue("Import-Package"))))
                .as("route code needs no camel-main").noneMatch(pkg -> pkg.startsWith("org.apache.camel.main"))
                .as("the command line's libraries stay out").noneMatch(pkg -> pkg.startsWith("picocli")
                        || pkg.startsWith("me.tongfei") || pkg.startsWith("com.github.javakeyring"));
    }

    @Test
    void classesNamedInTheRoutesAndTheBlueprintAreInsideOrImportedByTheBundle() throws IOException {
        Set<String> visible = new TreeSet<>(names(OsgiHeaders.parse(manifest.getValue("Export-Package"))));
        visible.addAll(names(OsgiHeaders.parse(manifest.getValue("Import-Package"))));
        Map<String, String> invisible = new TreeMap<>();
        try (JarFile jar = new JarFile(bundle.toFile())) {
            List<String> files = new ArrayList<>(PackagedRoutes.ROUTE_FILES);
            files.add(PackagedRoutes.DRY_RUN_ROUTE_FILE);
            files.add(manifest.getValue("Bundle-Blueprint"));
            for (String file : files) {
                String text;
                try (InputStream in = jar.getInputStream(jar.getEntry(file))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Matcher m = CLASS_NAME.matcher(text);
                while (m.find()) {
                    String className = m.group(1);
                    String pkg = className.substring(0, className.lastIndexOf('.'));
                    if (!pkg.startsWith("java.") && !visible.contains(pkg)) {
                        invisible.put(className, file);
                    }
                }
            }
        }
        assertThat(invisible).as("classes the bundle's class loader could not load (class → file)").isEmpty();
    }

    private static List<Path> jarsOf(String artifact) {
        String[] ga = artifact.split(":");
        String group = ga[0].replace('.', '/');
        List<Path> jars = new ArrayList<>();
        for (Map.Entry<String, Path> entry : classPathJars.entrySet()) {
            String key = entry.getKey();
            if (key.contains("/") && (ga[1].equals("*") ? key.matches(".*/" + Pattern.quote(group) + "/[^/]+")
                    : key.endsWith("/" + group + "/" + ga[1]))) {
                jars.add(entry.getValue());
            }
        }
        return jars;
    }

    private static java.util.Optional<String> bundleVersion(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes attributes = file.getManifest() == null ? null : file.getManifest().getMainAttributes();
            if (attributes == null || attributes.getValue("Export-Package") == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.ofNullable(attributes.getValue("Bundle-Version"));
        }
    }

    private static Set<String> packagesOf(Path jar) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && name.contains("/") && !name.startsWith("META-INF/"))
                    .forEach(name -> packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.')));
        }
        return packages;
    }

    private static Set<String> names(List<OsgiHeaders.Clause> clauses) {
        Set<String> names = new TreeSet<>();
        clauses.forEach(clause -> names.add(clause.name()));
        return names;
    }

    private static String minor(String version) {
        String[] parts = version.split("[.-]");
        return parts[0] + "." + parts[1];
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && name.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
