package com.camelicloud.photos.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several nodes, one sync per account: the routes this policy is applied to (the sync's poll route) run only on the
 * node that leads the account's namespace in Camel's cluster service, whichever the configuration binds (ZooKeeper,
 * Kubernetes leases...: any {@link CamelClusterService} in the registry). With {@code cluster.enabled=false} it does
 * nothing and this node always leads.
 *
 * <p>Not Camel's {@code ClusteredRoutePolicy}, which acts on the view's leadership events only: ZooKeeper's view tells
 * no event when it loses its connection (its leader thread is interrupted, then asks ZooKeeper who leads, which it
 * cannot reach), so a node cut off from ZooKeeper would sync on while another node took over. Here the local member's
 * leadership, a value the view keeps without asking the server, is also read every {@link #CHECK_PERIOD}, and
 * {@link #isLeading()} turns false at once, which stops the sync's writes ({@link LeadershipFence}) before the route
 * itself has stopped.
 *
 * <p>Accounts spread over the nodes without a coordinator of our own: a node does not stand for an account at once, but
 * after {@code (rank + accounts it leads already) × }{@link #CANDIDACY_STEP}, its rank a number in [0, 1) drawn from
 * its id and the account (rendezvous hashing), the accounts it leads counted over the process, whose accounts stand
 * one at a time ({@link Candidacies}). Nodes that start together so take turns, about one account each per step,
 * rather than the first one up leading them all; a node that starts later stands too, a few steps later, ready to take
 * over. Every node stands for each of its N accounts within {@code N × (CANDIDACY_STEP + }{@link Candidacies#GAP}{@code
 * )} of starting, whatever the others do, so no account stays without a leader while a node is up.
 */
public final class SyncLeadership extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLeadership.class);
    /** How often the leadership is read besides the view's events: small beside any session timeout. */
    static final Duration CHECK_PERIOD = Duration.ofMillis(250);
    /** How often a node that does not lead makes sure it is still a candidate (a request to the cluster service). */
    static final Duration REJOIN_CHECK_PERIOD = Duration.ofSeconds(5);
    /** How long a node waits before it stands for one more account, per account it leads already. */
    static final Duration CANDIDACY_STEP = Duration.ofSeconds(2);

    private final boolean enabled;
    private final String namespace;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private volatile boolean leading;
    private CamelContext context;
    private CamelClusterService service;
    /** This process's candidacies, shared by its accounts' contexts; the context's own when the CLI bound none. */
    private Candidacies candidacies;
    private ScheduledExecutorService executor;
    /** When this node may have stood for the account at the earliest: once the context started. */
    private long startedAt;
    /** Set once this node stands for the account: it is a candidate from then on. */
    private CamelClusterView view;
    private long lastMembershipCheck = System.nanoTime();

    /**
     * @param enabled   {@code cluster.enabled}
     * @param namespace {@code cluster.namespace}: what the nodes compete for, one per account
     */
    public SyncLeadership(boolean enabled, String namespace) {
        this.enabled = enabled;
        this.namespace = namespace;
    }

    /** Whether this node may sync now: always without a cluster, only while it leads the namespace in one. */
    public boolean isLeading() {
        return !enabled || leading;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public void onInit(Route route) {
        if (!enabled) {
            return;
        }
        // started by follow(), once this node leads
        route.setAutoStartup(false);
        routes.add(route);
        if (context == null) {
            context = route.getCamelContext();
            try {
                context.addStartupListener(new Join());
            } catch (Exception e) {
                throw new IllegalStateException("cannot follow the leadership of " + namespace, e);
            }
        }
    }

    /**
     * A node that lost its connection to the cluster service may have left the election for good (ZooKeeper's view
     * does not queue again on its own): when it is not among the members, its view is restarted, which puts it back.
     */
    private void stayCandidate() throws Exception {
        long now = System.nanoTime();
        if (now - lastMembershipCheck < REJOIN_CHECK_PERIOD.toNanos()) {
            return;
        }
        lastMembershipCheck = now;
        if (view.getMembers().stream().noneMatch(CamelClusterMember::isLocal)) {
            LOG.info("This node is no candidate for {} any more: it joins again", namespace);
            service.stopView(namespace);
            service.startView(namespace);
        }
    }

    /**
     * The one cluster service of the context, or of the registry: camel-main makes those of the registry services of
     * the context before it binds the {@code camel.beans.*} of the configuration, so such a one is added here.
     */
    private static CamelClusterService clusterService(CamelContext camelContext) throws Exception {
        Set<CamelClusterService> services = camelContext.hasServices(CamelClusterService.class);
        if (services.isEmpty()) {
            services = camelContext.getRegistry().findByType(CamelClusterService.class);
        }
        if (services.size() != 1) {
            throw new IllegalStateException("cluster.enabled is true but " + (services.isEmpty()
                    ? "no cluster service is configured: bind one, e.g. camel.beans.cluster=#class:"
                    + "org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService with camel.beans.cluster.nodes="
                    + "HOST:2181 (README: Several nodes)" : services.size() + " cluster services are bound: keep one"));
        }
        CamelClusterService service = services.iterator().next();
        if (!camelContext.hasService(service)) {
            camelContext.addService(service, true, true);
        }
        return service;
    }

    /**
     * This node's place for the namespace among the nodes, in [0, 1): the same on every run of the same node, unrelated
     * from one namespace to the next, so that each node comes first for some of the accounts.
     */
    static double rank(String memberId, String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((memberId + "\n" + namespace).getBytes(StandardCharsets.UTF_8));
            // 53 bits: as many as a double holds exactly
            return (ByteBuffer.wrap(digest).getLong() >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String memberId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Once the context has started: joins the namespace, and from then on follows its leadership. */
    private final class Join implements ExtendedStartupListener {

        @Override
        public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
            // routes may start only once the context has
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext camelContext, boolean alreadyStarted) throws Exception {
            service = clusterService(camelContext);
            if (service.getId() == null) {
                // the same configuration on every node: each tells itself apart by host and process
                service.setId(memberId());
            }
            candidacies = camelContext.getRegistry().lookupByNameAndType(Candidacies.BEAN_NAME, Candidacies.class);
            if (candidacies == null) {
                candidacies = new Candidacies();
            }
            startedAt = System.nanoTime();
            executor = camelContext.getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(SyncLeadership.this, "cluster-leadership");
            executor.scheduleWithFixedDelay(SyncLeadership.this::follow, 0, CHECK_PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Joins the namespace's election once this node's turn came ({@link #CANDIDACY_STEP}). */
    private void standWhenDue() throws Exception {
        double steps = rank(service.getId(), namespace) + candidacies.leading();
        if (System.nanoTime() - startedAt < (long) (steps * CANDIDACY_STEP.toNanos()) || !candidacies.standNow()) {
            return;
        }
        view = service.getView(namespace);
        view.addEventListener((CamelClusterEventListener.Leadership) (changed, leader) -> executor.execute(
                SyncLeadership.this::follow));
        LOG.info("Cluster member {} stands for {}: the sync runs on the node that leads it", service.getId(), namespace);
    }

    /** Starts the routes when this node became the leader, stops them when it no longer is. */
    private void follow() {
        try {
            if (context.isStopping() || context.isStopped()) {
                return;
            }
            if (view == null) {
                standWhenDue();
                if (view == null) {
                    return;
                }
            }
            boolean now = view.getLocalMember().isLeader();
            if (now == leading) {
                if (!now) {
                    stayCandidate();
                }
                return;
            }
            leading = now;
            if (now) {
                candidacies.gained();
                LOG.info("This node leads {} in the cluster now: its sync starts", namespace);
                for (Route route : routes) {
                    // A schedule set up when the route was defined fires at its own times: a new leader would wait up
                    // to a whole interval. Restarted with the route, the schedule counts from now.
                    ServiceHelper.stopService(route.getEndpoint());
                    context.getRouteController().startRoute(route.getRouteId());
                }
            } else {
                candidacies.lost();
                LOG.warn("This node no longer leads {} in the cluster: its sync stops now, and the node that leads "
                        + "next resumes it", namespace);
                for (Route route : routes) {
                    context.getRouteController().stopRoute(route.getRouteId());
                }
            }
        } catch (Exception e) {
            // a check that throws would end the schedule; the next one tries again
            LOG.warn("Cannot follow the leadership of {}: {}", namespace, e.toString());
        }
    }
}
