package graphmodel.testserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j Community server, embedded in this JVM, for the Python tests.
 *
 * <pre>
 * java [--add-opens ...] -cp target/neo4j-testserver.jar:target/lib/* graphmodel.testserver.Main \
 *      --home DIR --port PORT --import-dir DIR [--auth stdin] [--pagecache 64m]
 * </pre>
 *
 * Bolt listens on 127.0.0.1:PORT. Auth is off unless --auth stdin is given: then the first line
 * of stdin is the password of user "neo4j" (at least 8 characters, no forced change), so it never
 * appears on the command line (ps, /proc/PID/cmdline) nor in the server's log of JVM arguments.
 * When the database is up and Bolt accepts connections, exactly one line "READY PORT" is
 * printed to stdout. The process then blocks until its stdin reaches EOF (the parent closed
 * it or died) or it gets SIGTERM/SIGINT, and then shuts the database down cleanly.
 * Exit codes: 0 clean stop, 2 bad arguments, 1 start failure.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        int port = Integer.parseInt(require(opts, "port"));
        Path importDir = Path.of(require(opts, "import-dir")).toAbsolutePath();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String password = null;
        if (opts.containsKey("auth")) {
            if (!"stdin".equals(opts.get("auth"))) {
                usage("--auth takes 'stdin' (the password is the first line of standard input)");
            }
            password = stdin.readLine();
            if (password == null || password.isEmpty()) {
                usage("--auth stdin: no password on the first line of standard input");
            }
        }
        String pagecache = opts.getOrDefault("pagecache", "64m");

        Files.createDirectories(home);
        Files.createDirectories(importDir);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                // Small memory footprint: the machine is shared with the tests.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache))
                // Keep the transaction logs small; a test database never needs them.
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(1))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofMinutes(15))
                // LOAD CSV 'file:///x.csv' resolves against this directory, as on a normal server.
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setConfig(GraphDatabaseSettings.allow_file_urls, true)
                // Nothing may try to leave the machine.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt on loopback only.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                // Internal settings (pinned version): no in-JVM "bolt-local" connector, which
                // only serves in-process clients, and no 5 s + 5 s grace waits at Bolt shutdown
                // (a test server has no clients left when it stops).
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500));

        final DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (Throwable t) {
            System.err.println("FAILED to start Neo4j: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    dbms.shutdown();
                } catch (Throwable t) {
                    System.err.println("error during shutdown: " + t);
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-testserver-shutdown"));

        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(60_000)) {
                throw new IllegalStateException("default database not available after 60 s");
            }
            if (password != null) {
                GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            }
        } catch (Throwable t) {
            System.err.println("FAILED to start Neo4j: " + t);
            t.printStackTrace();
            stop.run();
            System.exit(1);
            return;
        }

        System.out.println("READY " + port);
        System.out.flush();

        // Block until the parent closes our stdin (or dies, which closes it too).
        char[] buf = new char[256];
        try {
            while (stdin.read(buf) >= 0) {
                // ignore anything written to us
            }
        } catch (IOException ignored) {
            // treat as EOF
        }
        stop.run();
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                usage("bad argument: " + a);
            }
            opts.put(a.substring(2), args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            usage("missing --" + key);
        }
        return v;
    }

    private static void usage(String msg) {
        System.err.println(msg);
        System.err.println("usage: Main --home DIR --port PORT --import-dir DIR [--auth stdin] [--pagecache 64m]");
        System.exit(2);
    }
}
