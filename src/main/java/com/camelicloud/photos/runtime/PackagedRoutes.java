package com.camelicloud.photos.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.camelicloud.photos.auth.AuthenticationException;
import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.PasswordSources;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.state.DataDirectory;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped YAML routes, their beans and their defaults, added to a CamelContext that camel-main does not
 * configure: a Blueprint {@code <camelContext>} on Karaf ({@code <routeBuilder ref="packagedRoutes"/>}), or any
 * other runtime. The CLI does not use this class: camel-main reads the same files itself.
 *
 * <p>It does the part of camel-main's work that the routes rely on, and only that part: the packaged
 * {@code application.properties} as defaults, the runtime's settings over them, {@code camel.component.NAME.OPTION}
 * keys bound onto components, {@code camel.threadpool.config[ID].OPTION} keys as thread pool profiles. The other
 * {@code camel.*} keys (camel.main, camel.management...) configure camel-main and are ignored here.
 *
 * <p>Resources are read through this class's own class loader, so that in OSGi they come from this bundle
 * whatever bundle the CamelContext belongs to.
 */
public class PackagedRoutes extends RouteBuilder {

    /** The packaged defaults, the same file as config/application.properties. */
    public static final String DEFAULTS = "application.properties";
    /** Shipped route files left out here: they run on camel-main's embedded HTTP server (camel.server.*). */
    public static final List<String> CAMEL_MAIN_ONLY_ROUTE_FILES = List.of("routes/ops-http.yaml");
    /**
     * The shipped route files in load order: the one list, {@code camel.main.routes-include-pattern} of the packaged
     * defaults (which says why it is a list and not a pattern), without the camel-main only files. The build checks
     * it against routes/.
     */
    public static final List<String> ROUTE_FILES = shippedRouteFiles();
    /**
     * A dry run ({@code sync.dry-run}) is decided here for the routes: this file replaces, by id, each route that
     * writes with one that says what it would do; loaded last, after the user's own routes too, only in a dry run.
     */
    public static final String DRY_RUN_ROUTE_FILE = "routes/dry-run.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(PackagedRoutes.class);
    private static final String COMPONENT_PREFIX = "camel.component.";
    private static final Pattern THREAD_POOL_KEY = Pattern.compile("camel\\.threadpool\\.config\\[([^]]+)]\\.(.+)");

    private Properties settings = new Properties();
    private String passwordFile;

    /** The runtime's settings (on Karaf the configuration of PID com.camelicloud.photos); they win over defaults. */
    public void setSettings(Properties settings) {
        this.settings = settings == null ? new Properties() : settings;
    }

    public Properties getSettings() {
        return settings;
    }

    /**
     * A file whose first line is the iCloud password, used when the stored session cannot be reused. Without
     * one, and without a {@link PasswordSource} bean, the routes only run on a session made by {@code login}.
     */
    public void setPasswordFile(String passwordFile) {
        this.passwordFile = passwordFile;
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    @Override
    public void configure() throws Exception {
        CamelContext context = getCamelContext();
        Properties defaults = loadDefaults();
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setInitialProperties(defaults);
        Properties overrides = new Properties();
        settings.forEach((key, value) -> {
            if (key instanceof String name && value != null) {
                overrides.setProperty(name, value.toString());
            }
        });
        String username = overrides.getProperty("icloud.username", "");
        if (!overrides.containsKey("icloud.account-key") && !username.isBlank()) {
            // the same state files as the CLI's for this Apple ID, so that `login` on the host serves both
            overrides.setProperty("icloud.account-key", DataDirectory.accountKey(username));
        }
        properties.setOverrideProperties(overrides);
        bindSignInSources(context, username);

        List<Resource> resources = new ArrayList<>();
        for (String file : ROUTE_FILES) {
            resources.add(ResourceHelper.fromBytes("classpath:" + file, read(file)));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        // what camel-main does with camel.main.configuration-classes, after the YAML beans as there
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        SyncBeans syncBeans = new SyncBeans();
        beans.postProcessBeforeInitialization(syncBeans, "syncBeans");
        beans.postProcessAfterInitialization(syncBeans, "syncBeans");
        replaceForDryRun(context);

        Map<String, String> camelKeys = new TreeMap<>();
        for (String key : union(defaults, overrides)) {
            if (key.startsWith("camel.")) {
                camelKeys.put(key, context.resolvePropertyPlaceholders("{{" + key + "}}"));
            }
        }
        configureThreadPools(context, camelKeys);
        configureComponents(context, camelKeys);
    }

    /** In a dry run, replaces the routes that write ({@link #DRY_RUN_ROUTE_FILE}); does nothing otherwise. */
    public static void replaceForDryRun(CamelContext context) throws Exception {
        boolean dryRun = context.getPropertiesComponent().resolveProperty("sync.dry-run")
                .map(value -> Boolean.parseBoolean(value.trim())).orElse(false);
        if (dryRun) {
            PluginHelper.getRoutesLoader(context).updateRoutes(
                    List.of(ResourceHelper.fromBytes("classpath:" + DRY_RUN_ROUTE_FILE, read(DRY_RUN_ROUTE_FILE))));
        }
    }

    private void bindSignInSources(CamelContext context, String username) {
        if (context.getRegistry().findSingleByType(PasswordSource.class) == null) {
            PasswordSource source = passwordFile != null && !passwordFile.isBlank()
                    ? PasswordSources.file(Path.of(passwordFile))
                    : () -> {
                        throw new AuthenticationException(AuthenticationException.Reason.PASSWORD_UNAVAILABLE,
                                "the session of " + username + " cannot be reused and no password file is configured:"
                                        + " run `camel-icloud-photos login` with the same --data-dir, or set passwordFile");
                    };
            context.getRegistry().bind("passwordSource", PasswordSource.class, source);
        }
        if (context.getRegistry().findSingleByType(TwoFactorCodeSource.class) == null) {
            // no terminal here: a sign-in that needs a code fails and says to run `login`
            context.getRegistry().bind("twoFactorCodeSource", TwoFactorCodeSource.class,
                    (TwoFactorCodeSource) challenge -> null);
        }
    }

    private static void configureThreadPools(CamelContext context, Map<String, String> camelKeys) {
        Map<String, Map<String, Object>> pools = new LinkedHashMap<>();
        camelKeys.forEach((key, value) -> {
            Matcher matcher = THREAD_POOL_KEY.matcher(key);
            if (matcher.matches()) {
                pools.computeIfAbsent(matcher.group(1), id -> new LinkedHashMap<>()).put(matcher.group(2), value);
            }
        });
        pools.forEach((id, options) -> {
            ThreadPoolProfile profile = new ThreadPoolProfile(id);
            bind(context, profile, options, "camel.threadpool.config[" + id + "]");
            context.getExecutorServiceManager().registerThreadPoolProfile(profile);
        });
    }

    private static void configureComponents(CamelContext context, Map<String, String> camelKeys) {
        Map<String, Map<String, Object>> components = new LinkedHashMap<>();
        camelKeys.forEach((key, value) -> {
            if (key.startsWith(COMPONENT_PREFIX)) {
                String rest = key.substring(COMPONENT_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    components.computeIfAbsent(rest.substring(0, dot), name -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), value);
                }
            } else if (!THREAD_POOL_KEY.matcher(key).matches()) {
                LOG.debug("{} configures camel-main; ignored outside it", key);
            }
        });
        components.forEach((name, options) -> {
            Component component = context.getComponent(name, true);
            if (component == null) {
                throw new IllegalStateException(COMPONENT_PREFIX + name + ".* is configured but no " + name
                        + " component is installed");
            }
            bind(context, component, options, COMPONENT_PREFIX + name);
        });
    }

    private static void bind(CamelContext context, Object target, Map<String, Object> options, String prefix) {
        Map<String, Object> remaining = new LinkedHashMap<>(options);
        PropertyBindingSupport.build().withCamelContext(context).withTarget(target).withProperties(remaining)
                .withRemoveParameters(true).withIgnoreCase(true).withMandatory(false).bind();
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("unknown option(s) of " + prefix + ": " + remaining.keySet());
        }
    }

    private static List<String> union(Properties first, Properties second) {
        List<String> keys = new ArrayList<>(first.stringPropertyNames());
        second.stringPropertyNames().stream().filter(key -> !first.containsKey(key)).forEach(keys::add);
        return keys;
    }

    private static List<String> shippedRouteFiles() {
        List<String> files = new ArrayList<>();
        for (String entry : loadDefaults().getProperty("camel.main.routes-include-pattern", "").split(",")) {
            String file = entry.trim().replaceFirst("^classpath:", "");
            if (!file.isEmpty() && !CAMEL_MAIN_ONLY_ROUTE_FILES.contains(file)) {
                files.add(file);
            }
        }
        return List.copyOf(files);
    }

    private static Properties loadDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = open(DEFAULTS)) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged " + DEFAULTS, e);
        }
        return defaults;
    }

    private static byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged " + resource, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = PackagedRoutes.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not packaged with " + PackagedRoutes.class.getName());
        }
        return in;
    }
}
