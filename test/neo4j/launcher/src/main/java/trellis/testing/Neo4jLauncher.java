package trellis.testing;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Test-only launcher: runs an embedded Neo4j Community DBMS with a Bolt
 * connector on 127.0.0.1:&lt;port&gt;, authentication disabled.
 *
 * <p>Usage: {@code Neo4jLauncher --port N --data DIR}. DIR becomes the Neo4j
 * home directory (store under DIR/data, Neo4j's own logs under DIR/logs).
 * Prints exactly one line {@code NEO4J_READY bolt://127.0.0.1:<port>} to
 * stdout once the default database is available, then blocks until the JVM
 * is asked to stop (SIGTERM/SIGINT), when a shutdown hook shuts the DBMS
 * down cleanly.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        int port = 7687;
        long pagecacheMb = 128; // benchmarks raise it with --pagecache-mb
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(requireValue(args, ++i, "--port"));
                    break;
                case "--data":
                    data = Path.of(requireValue(args, ++i, "--data"));
                    break;
                case "--pagecache-mb":
                    pagecacheMb = Long.parseLong(requireValue(args, ++i, "--pagecache-mb"));
                    break;
                default:
                    usage("unknown argument: " + args[i]);
            }
        }
        if (data == null) {
            usage("--data DIR is required");
        }
        if (port <= 0 || port > 65535) {
            usage("invalid --port " + port);
        }
        data = data.toAbsolutePath().normalize();
        Files.createDirectories(data);

        // Keep stdout for the single readiness line: anything a library
        // prints to System.out goes to stderr (the start script sends both
        // to the log file).
        PrintStream stdout = System.out;
        System.setOut(System.err);

        long t0 = System.nanoTime();
        SocketAddress bolt = new SocketAddress(HOST, port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                // Advertise 127.0.0.1, not the default "localhost": a routing
                // (neo4j://) driver reconnects to the advertised address, and
                // "localhost" may resolve to ::1 where nothing listens.
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Netty's graceful-shutdown quiet period (default 5 s, applied
                // to each of Bolt's two event-loop groups) made every stop
                // take 5-10 s; a test server need not linger.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Neo4jLauncher: shutting down DBMS");
            try {
                dbms.shutdown();
                System.err.println("Neo4jLauncher: DBMS shut down");
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(3).toMillis())) {
            System.err.println("Neo4jLauncher: database did not become available");
            System.exit(1);
        }
        // Make sure the system database is up too (routing-table and
        // SHOW ... procedures use it).
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .isAvailable(Duration.ofMinutes(1).toMillis());

        double secs = (System.nanoTime() - t0) / 1e9;
        System.err.printf("Neo4jLauncher: ready in %.1f s (home %s)%n", secs, data);
        stdout.println("NEO4J_READY bolt://" + HOST + ":" + port);
        stdout.flush();

        // Block until the shutdown hook has run (SIGTERM/SIGINT).
        while (!stopped.await(1, TimeUnit.HOURS)) {
            // keep waiting
        }
    }

    private static String requireValue(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("Neo4jLauncher: " + message);
        System.err.println("usage: Neo4jLauncher --port N --data DIR");
        System.exit(2);
    }
}
