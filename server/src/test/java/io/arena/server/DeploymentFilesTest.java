package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files under {@code docker/}, checked offline: CI has neither a Docker engine nor a
 * Kubernetes API server. Each check is something a real run would otherwise find out the hard way:
 * a variable the server never reads, a port or health path that is not the server's, a cluster
 * address that peers cannot dial, a manifest its API server would reject.
 */
class DeploymentFilesTest {
  private static final Path DOCKER = Path.of("..", "docker").toAbsolutePath().normalize();
  private static final Path K8S = DOCKER.resolve("k8s");
  private static final Path HAPROXY_CONFIG = DOCKER.resolve("haproxy.cfg");
  private static final Path RESOURCES = Path.of("src", "main", "resources").toAbsolutePath();
  private static final Path SOURCES = Path.of("src", "main", "java").toAbsolutePath();
  /** The image docker/Dockerfile builds: every container running it is a node. */
  private static final String NODE_IMAGE = "arena/game-server:";

  /** The contract's variables (protocol/README.md section 8): every node reads these. */
  private static final Set<String> CONTRACT_VARIABLES = Set.of("GAME_HTTP_PORT", "GAME_ADMIN_PORT",
      "GAME_ADMIN_BIND", "GAME_CLUSTER_HOST", "GAME_CLUSTER_PORT", "GAME_SEED_NODES", "GAME_ROLES",
      "GAME_STORE", "GAME_DATA_DIR", "GAME_DB_URL", "GAME_DB_USER", "GAME_DB_PASSWORD", "GAME_TICK_HZ",
      "GAME_CHECKPOINT_INTERVAL", "GAME_ROOM_CAPACITY", "GAME_SECRET", "GAME_AUTH_SECRET",
      "GAME_ADMIN_TOKEN");
  /** The operator API's health endpoints (protocol/README.md section 9). */
  private static final String READY_PATH = "/health/ready";
  private static final String ALIVE_PATH = "/health/alive";

  /** The server's own defaults: its application.conf with no environment variable applied. */
  private static final Config DEFAULTS = ConfigFactory.parseResources("application.conf")
      .resolve(ConfigResolveOptions.noSystem());
  private static final int HTTP_PORT = DEFAULTS.getInt("game.http-port");
  private static final int ADMIN_PORT = DEFAULTS.getInt("game.admin-port");
  private static final int CLUSTER_PORT = DEFAULTS.getInt("akka.remote.artery.canonical.port");
  /** The deployment files keep the default ports, so probes and mappings can name them. */
  private static final Set<String> PORT_VARIABLES = Set.of("GAME_HTTP_PORT", "GAME_ADMIN_PORT", "GAME_CLUSTER_PORT");

  /** The apiVersion each kind used under docker/k8s is served at. */
  private static final Map<String, String> API_VERSIONS = Map.of(
      "ConfigMap", "v1", "Secret", "v1", "Service", "v1", "Deployment", "apps/v1",
      "StatefulSet", "apps/v1", "PodDisruptionBudget", "policy/v1", "Ingress", "networking.k8s.io/v1");

  // --- variables ------------------------------------------------------------------------------

  @Test
  void theServerReadsEveryContractVariable() throws IOException {
    Set<String> missing = new TreeSet<>(CONTRACT_VARIABLES);
    missing.removeAll(variablesTheServerReads());
    assertTrue(missing.isEmpty(), "contract variables (protocol/README.md section 8) the server does not read: " + missing);
  }

  @Test
  void everyVariableTheComposeFileSetsIsOneTheServerReads() throws IOException {
    Set<String> read = variablesTheServerReads();
    for (ComposeService node : composeNodes()) {
      Set<String> unknown = new TreeSet<>(node.environment().keySet());
      unknown.removeAll(read);
      assertTrue(unknown.isEmpty(), "compose service " + node.name() + " sets variables no node reads: " + unknown);
    }
  }

  @Test
  void everyVariableTheKubernetesManifestsSetIsOneTheServerReads() throws IOException {
    Set<String> read = variablesTheServerReads();
    List<Manifest> manifests = manifests();
    for (PodContainer node : nodeContainers(manifests)) {
      Map<String, Object> environment = node.environment(manifests);
      for (String name : environment.keySet()) {
        // A downward-API value may feed a GAME_* variable through $(NAME); the server never sees it.
        boolean feedsAnother = find(environment.get(name), "valueFrom.fieldRef") != null
            && environment.values().stream().anyMatch(v -> String.valueOf(find(v, "value")).contains("$(" + name + ")"));
        assertTrue(read.contains(name) || feedsAnother,
            node.where() + " sets " + name + ", which no node reads and no GAME_* value uses");
      }
    }
  }

  // --- the Dockerfile and the load balancer ---------------------------------------------------

  @Test
  void theImageBuildsTheShadedJarAndRunsItAsANonRootUserWithAReadinessHealthCheck() throws IOException {
    List<String> instructions = dockerInstructions(DOCKER.resolve("Dockerfile"));
    List<String> from = withKeyword(instructions, "FROM");
    assertEquals(2, from.size(), "a build stage and a runtime stage: " + from);
    from.forEach(line -> assertPinned(line.split("\\s+")[1], "Dockerfile " + line));
    assertTrue(withKeyword(instructions, "RUN").stream()
        .anyMatch(run -> run.contains("mvn ") && run.contains(" package") && run.contains("-DskipTests")),
        "the build stage runs the README's build: mvn ... package -DskipTests");
    assertTrue(instructions.contains("COPY --from=build /src/server/target/game-server.jar /app/game-server.jar"));

    List<String> user = withKeyword(instructions, "USER");
    assertEquals(1, user.size());
    assertFalse(Set.of("root", "0").contains(user.get(0).substring("USER".length()).trim()), "runs as non-root");

    String healthCheck = withKeyword(instructions, "HEALTHCHECK").get(0);
    assertTrue(healthCheck.contains("${GAME_ADMIN_PORT:-" + ADMIN_PORT + "}" + READY_PATH), healthCheck);
    assertEquals(List.of("EXPOSE " + HTTP_PORT + " " + ADMIN_PORT + " " + CLUSTER_PORT),
        withKeyword(instructions, "EXPOSE"));
    Set<String> read = variablesTheServerReads();
    withKeyword(instructions, "ENV").forEach(env ->
        assertTrue(read.contains(env.split("[\\s=]+")[1]), "the image sets only variables nodes read: " + env));

    // Exec form, and the script execs java: SIGTERM reaches the JVM, which shuts down gracefully.
    assertEquals(List.of("ENTRYPOINT [\"/app/entrypoint.sh\"]"), withKeyword(instructions, "ENTRYPOINT"));
    String entrypoint = Files.readString(DOCKER.resolve("entrypoint.sh"));
    List<String> commands = entrypoint.lines().map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    String start = commands.get(commands.size() - 1);
    assertTrue(start.startsWith("exec java ") && start.contains("-jar /app/game-server.jar"), start);
    assertTrue(start.contains("-XX:MaxRAMPercentage=") && commands.stream().noneMatch(line -> line.contains("-Xmx")),
        "the heap follows the container's memory limit: " + start);
  }

  @Test
  void theBalancerConfigPassesHaproxysOwnCheck() throws Exception {
    Process check;
    try {
      check = new ProcessBuilder("haproxy", "-c", "-f", HAPROXY_CONFIG.toString()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      throw new AssertionError("HAProxy checks docker/haproxy.cfg; install it with: bash .ci/haproxy", notInstalled);
    }
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(check.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, check.exitValue(), "haproxy -c says:\n" + output);
  }

  @Test
  void theBalancerHashesEachRoomOntoOneReadyEdge() throws IOException {
    List<String> lines = haproxyLines();
    assertTrue(lines.contains("balance url_param room"), "hash on /ws?room=ID");
    assertTrue(lines.contains("hash-type consistent"), "few rooms move when an edge comes or goes");
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("timeout tunnel ")), "WebSockets need a tunnel timeout");
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("http-check send meth GET uri " + READY_PATH + " ")));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("default-server check port " + ADMIN_PORT + " ")));
    String edges = composeNodes().stream().filter(node -> node.roles().equals("edge")).findFirst().orElseThrow().name();
    assertTrue(lines.stream().anyMatch(line -> line.matches("server-template \\S+ \\d+-\\d+ " + edges + ":" + HTTP_PORT)),
        "the balancer sends players to the " + edges + " service's WebSocket port");
  }

  @Test
  void theBalancerTakesPlayersWhereALoneNodeWouldWithDescriptorsForEveryConnection() throws IOException {
    List<String> lines = haproxyLines();
    ComposeService balancer = composeServicesRunning("haproxy:").get(0);
    int frontend = Integer.parseInt(lines.get(lines.indexOf("frontend players") + 1).replace("bind :", ""));
    assertTrue(balancer.ports().contains(new PortMapping(String.valueOf(HTTP_PORT), frontend)), balancer.ports().toString());
    // Two descriptors a connection: HAProxy refuses to start when it cannot raise its limit that far.
    int maxConnections = lines.stream().filter(line -> line.startsWith("maxconn ")).findFirst()
        .map(line -> Integer.parseInt(line.substring("maxconn ".length()))).orElseThrow();
    Object descriptors = find(balancer.spec(), "ulimits.nofile");
    assertInstanceOf(Integer.class, descriptors, "the balancer sets ulimits.nofile");
    assertTrue((Integer) descriptors > 2 * maxConnections, "nofile " + descriptors + " for maxconn " + maxConnections);
  }

  // --- docker-compose.yml ---------------------------------------------------------------------

  @Test
  void composeRunsPostgresThreeGameNodesTwoEdgesAndABalancer() throws IOException {
    List<ComposeService> nodes = composeNodes();
    assertEquals(3, nodes.stream().filter(node -> node.roles().equals("game")).mapToInt(ComposeService::replicas).sum());
    assertEquals(2, nodes.stream().filter(node -> node.roles().equals("edge")).mapToInt(ComposeService::replicas).sum());
    assertEquals(1, composeServicesRunning("haproxy:").size());

    List<ComposeService> databases = composeServicesRunning("postgres:");
    assertEquals(1, databases.size());
    ComposeService postgres = databases.get(0);
    assertNotNull(postgres.spec().get("healthcheck"), "nodes wait for a healthy database");
    Map<String, String> database = postgres.environment();
    for (ComposeService node : nodes) {
      assertEquals("service_healthy", find(node.spec(), "depends_on." + postgres.name() + ".condition"), node.name());
      Map<String, String> env = node.environment();
      assertEquals("postgres", env.get("GAME_STORE"), node.name());
      assertEquals("jdbc:postgresql://" + postgres.name() + ":5432/" + database.get("POSTGRES_DB"), env.get("GAME_DB_URL"));
      assertEquals(database.get("POSTGRES_USER"), env.get("GAME_DB_USER"));
      assertEquals(database.get("POSTGRES_PASSWORD"), env.get("GAME_DB_PASSWORD"));
    }
    Map<String, Object> namedVolumes = asMap(compose().get("volumes"), "top-level volumes");
    assertTrue(postgres.volumes().stream().anyMatch(volume -> namedVolumes.containsKey(volume.split(":")[0])),
        "the database lives in a named volume");
  }

  @Test
  void composeAppliesTheServersOwnIdempotentSchema() throws IOException {
    Path schema = RESOURCES.resolve("schema/postgres.sql");
    assertTrue(composeServices().stream().flatMap(service -> service.volumes().stream())
        .anyMatch(volume -> volume.split(":")[1].startsWith("/docker-entrypoint-initdb.d/")
            && DOCKER.resolve(volume.split(":")[0]).normalize().equals(schema)));
    // The nodes run the same file again at every start: each statement must be harmless twice.
    for (String statement : Files.readString(schema).replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        assertTrue(statement.contains("IF NOT EXISTS"), "not idempotent: " + statement.trim());
      }
    }
  }

  @Test
  void composeMountsAndBuildsFromFilesThatExist() throws IOException {
    for (ComposeService service : composeServices()) {
      for (String volume : service.volumes()) {
        String source = volume.split(":")[0];
        if (source.startsWith(".") || source.startsWith("/")) {
          assertTrue(Files.exists(DOCKER.resolve(source)), service.name() + " mounts a missing " + source);
        }
      }
      if (service.spec().get("build") != null) {
        Path context = DOCKER.resolve(String.valueOf(find(service.spec(), "build.context"))).normalize();
        assertTrue(Files.isRegularFile(context.resolve(String.valueOf(find(service.spec(), "build.dockerfile")))));
      }
    }
  }

  @Test
  void composeSeedsAreGameNodesThatAdvertiseTheNamePeersDial() throws IOException {
    List<ComposeService> nodes = composeNodes();
    Map<String, ComposeService> byName = nodes.stream().collect(Collectors.toMap(ComposeService::name, node -> node));
    for (ComposeService node : nodes) {
      String host = node.environment().get("GAME_CLUSTER_HOST");
      if (node.replicas() > 1) {
        // Replicas cannot share one name; the entrypoint gives each its IP address.
        assertNull(host, node.name() + " has replicas, so no single GAME_CLUSTER_HOST");
      } else {
        // Artery drops messages for any address but the one a node advertises: it must be the
        // name Docker's DNS answers for this very service.
        assertEquals(node.name(), host, node.name() + " must advertise its own service name");
      }
      for (String seed : seedList(node.environment().get("GAME_SEED_NODES"))) {
        String[] hostPort = seed.split(":");
        assertEquals(String.valueOf(CLUSTER_PORT), hostPort[1], seed);
        ComposeService seedNode = byName.get(hostPort[0]);
        assertNotNull(seedNode, "seed " + seed + " is no compose service");
        assertEquals(hostPort[0], seedNode.environment().get("GAME_CLUSTER_HOST"), seed);
        assertEquals("game", seedNode.roles(), "seeds are game nodes, with stable names");
      }
    }
  }

  @Test
  void composePortsAndHealthChecksAgreeWithTheServerDefaults() throws IOException {
    for (ComposeService node : composeNodes()) {
      assertKeepsDefaultPorts(node.environment().keySet(), node.name());
      Set<Integer> served = node.roles().contains("edge") ? Set.of(HTTP_PORT, ADMIN_PORT) : Set.of(ADMIN_PORT);
      assertFalse(node.ports().isEmpty(), node.name() + " publishes its operator API");
      node.ports().forEach(port -> assertTrue(served.contains(port.container()), node.name() + " publishes " + port));
      Object healthCheck = node.spec().get("healthcheck");
      assertTrue(healthCheck == null || String.valueOf(healthCheck).contains(READY_PATH), node.name() + ": " + healthCheck);
    }
  }

  // --- Kubernetes -----------------------------------------------------------------------------

  @Test
  void everyKubernetesManifestHasTheFieldsItsKindRequires() throws IOException {
    List<Manifest> manifests = manifests();
    assertFalse(manifests.isEmpty());
    for (Manifest manifest : manifests) {
      String kind = manifest.kind();
      assertTrue(API_VERSIONS.containsKey(kind), manifest.where() + ": teach this test what a " + kind + " requires");
      assertEquals(API_VERSIONS.get(kind), manifest.body().get("apiVersion"), manifest.where());
      assertTrue(manifest.name().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), manifest.where() + ": metadata.name");
      switch (kind) {
        case "Deployment", "StatefulSet" -> checkWorkload(manifest, manifests);
        case "Service" -> checkService(manifest, manifests);
        case "PodDisruptionBudget" -> checkDisruptionBudget(manifest, manifests);
        case "Ingress" -> checkIngress(manifest, manifests);
        default -> assertTrue(manifest.body().containsKey("data") || manifest.body().containsKey("stringData"),
            manifest.where() + " holds no data");
      }
    }
  }

  @Test
  void kubernetesProbesAndPortsAgreeWithTheServerDefaults() throws IOException {
    List<Manifest> manifests = manifests();
    for (PodContainer node : nodeContainers(manifests)) {
      assertKeepsDefaultPorts(node.environment(manifests).keySet(), node.where());
      Map<String, Integer> ports = node.namedPorts();
      assertEquals(ADMIN_PORT, ports.get("admin"), node.where());
      assertEquals(CLUSTER_PORT, ports.get("cluster"), node.where());
      if (node.value("GAME_ROLES", manifests).contains("edge")) {
        assertEquals(HTTP_PORT, ports.get("http"), node.where());
      }
      assertEquals(READY_PATH, find(node.spec(), "readinessProbe.httpGet.path"), node.where());
      assertEquals(ALIVE_PATH, find(node.spec(), "livenessProbe.httpGet.path"), node.where());
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        Object port = find(node.spec(), probe + ".httpGet.port");
        assertEquals(ADMIN_PORT, port instanceof Integer number ? number : ports.get(String.valueOf(port)),
            node.where() + " " + probe + " asks the operator port");
      }
    }
  }

  @Test
  void kubernetesNodesAdvertiseAddressesTheirPeersCanDial() throws IOException {
    List<Manifest> manifests = manifests();
    for (PodContainer node : nodeContainers(manifests)) {
      Object clusterHost = node.environment(manifests).get("GAME_CLUSTER_HOST");
      if (node.owner().kind().equals("StatefulSet")) {
        // The pod's DNS name under the governing headless Service: stable across restarts.
        String service = String.valueOf(find(node.owner().body(), "spec.serviceName"));
        assertEquals("$(POD_NAME)." + service, find(clusterHost, "value"), node.where());
        assertEquals("metadata.name",
            find(node.environment(manifests).get("POD_NAME"), "valueFrom.fieldRef.fieldPath"), node.where());
        Manifest governing = named(manifests, "Service", service);
        // Nodes join before they are ready, so their names must resolve before that.
        assertEquals(Boolean.TRUE, find(governing.body(), "spec.publishNotReadyAddresses"), governing.where());
      } else {
        assertEquals("status.podIP", find(clusterHost, "valueFrom.fieldRef.fieldPath"), node.where());
      }
    }
  }

  @Test
  void kubernetesSeedsArePodsOfTheGameStatefulSet() throws IOException {
    List<Manifest> manifests = manifests();
    for (PodContainer node : nodeContainers(manifests)) {
      List<String> seeds = seedList(node.value("GAME_SEED_NODES", manifests));
      assertFalse(seeds.isEmpty(), node.where() + " needs seeds to join a cluster");
      for (String seed : seeds) {
        Matcher pod = Pattern.compile("([a-z0-9-]+)-(\\d+)\\.([a-z0-9-]+):(\\d+)").matcher(seed);
        assertTrue(pod.matches(), seed + " is not POD.SERVICE:PORT");
        Manifest statefulSet = named(manifests, "StatefulSet", pod.group(1));
        assertEquals(pod.group(3), find(statefulSet.body(), "spec.serviceName"), seed);
        assertTrue(Integer.parseInt(pod.group(2)) < ((Number) find(statefulSet.body(), "spec.replicas")).intValue(), seed);
        assertEquals(String.valueOf(CLUSTER_PORT), pod.group(4), seed);
        PodContainer seedNode = nodeContainers(manifests).stream()
            .filter(container -> container.owner().equals(statefulSet)).findFirst().orElseThrow();
        assertEquals("game", seedNode.value("GAME_ROLES", manifests), "seeds are game nodes");
      }
    }
  }

  // --- both -----------------------------------------------------------------------------------

  @Test
  void nodesGetLongerToStopThanAShardHandOffTakes() throws IOException {
    Duration handOff = DEFAULTS.getDuration("akka.cluster.sharding.handoff-timeout");
    for (ComposeService node : composeNodes()) {
      Duration grace = composeDuration(String.valueOf(node.spec().get("stop_grace_period")));
      assertTrue(grace.compareTo(handOff) > 0, node.name() + " stop_grace_period " + grace + " <= " + handOff);
    }
    for (PodContainer node : nodeContainers(manifests())) {
      Object grace = find(node.owner().body(), "spec.template.spec.terminationGracePeriodSeconds");
      assertInstanceOf(Integer.class, grace, node.where() + " sets terminationGracePeriodSeconds");
      assertTrue((Integer) grace > handOff.toSeconds(), node.where() + " grace " + grace + " s <= " + handOff);
    }
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    composeServices().forEach(service -> assertPinned(String.valueOf(service.spec().get("image")), service.name()));
    for (Manifest manifest : manifests()) {
      for (PodContainer container : containers(manifest)) {
        assertPinned(String.valueOf(container.spec().get("image")), container.where());
      }
    }
  }

  // --- Kubernetes kinds -----------------------------------------------------------------------

  private static void checkWorkload(Manifest workload, List<Manifest> manifests) {
    Map<String, Object> selector = asMap(find(workload.body(), "spec.selector.matchLabels"), workload.where() + " selector");
    assertFalse(selector.isEmpty(), workload.where());
    assertTrue(templateLabels(workload).entrySet().containsAll(selector.entrySet()),
        workload.where() + ": the selector must match the template's labels");
    List<PodContainer> containers = containers(workload);
    assertFalse(containers.isEmpty(), workload.where() + " has no containers");
    for (PodContainer container : containers) {
      assertNotNull(container.spec().get("name"), container.where());
      assertNotNull(container.spec().get("image"), container.where());
      container.environment(manifests); // fails on a ConfigMap, Secret or key that does not exist
    }
    if (workload.kind().equals("StatefulSet")) {
      String service = String.valueOf(find(workload.body(), "spec.serviceName"));
      assertEquals("None", find(named(manifests, "Service", service).body(), "spec.clusterIP"),
          workload.where() + ": serviceName must name a headless Service");
    }
  }

  private static void checkService(Manifest service, List<Manifest> manifests) {
    List<Object> ports = asList(find(service.body(), "spec.ports"), service.where() + " ports");
    assertFalse(ports.isEmpty(), service.where());
    ports.forEach(port -> assertInstanceOf(Integer.class, find(port, "port"), service.where() + " port"));
    Map<String, Object> selector = asMap(find(service.body(), "spec.selector"), service.where() + " selector");
    List<Manifest> selected = selectedWorkloads(selector, manifests);
    assertFalse(selected.isEmpty(), service.where() + " selects no workload");
    for (Object port : ports) {
      Object target = find(port, "targetPort");
      if (target instanceof String name) {
        selected.forEach(workload -> assertTrue(containers(workload).stream()
            .anyMatch(container -> container.namedPorts().containsKey(name)), service.where() + " targets " + name));
      }
    }
  }

  private static void checkDisruptionBudget(Manifest budget, List<Manifest> manifests) {
    Map<String, Object> spec = asMap(budget.body().get("spec"), budget.where() + " spec");
    assertTrue(spec.containsKey("minAvailable") ^ spec.containsKey("maxUnavailable"),
        budget.where() + " sets one of minAvailable and maxUnavailable");
    Map<String, Object> selector = asMap(find(spec, "selector.matchLabels"), budget.where() + " selector");
    assertFalse(selectedWorkloads(selector, manifests).isEmpty(), budget.where() + " selects no workload");
  }

  private static void checkIngress(Manifest ingress, List<Manifest> manifests) {
    List<Object> rules = asList(find(ingress.body(), "spec.rules"), ingress.where() + " rules");
    assertFalse(rules.isEmpty(), ingress.where());
    for (Object rule : rules) {
      for (Object path : asList(find(rule, "http.paths"), ingress.where() + " paths")) {
        assertTrue(Set.of("Prefix", "Exact", "ImplementationSpecific").contains(find(path, "pathType")), ingress.where());
        Manifest service = named(manifests, "Service", String.valueOf(find(path, "backend.service.name")));
        Object portName = find(path, "backend.service.port.name");
        Object portNumber = find(path, "backend.service.port.number");
        assertTrue(asList(find(service.body(), "spec.ports"), service.where()).stream()
            .anyMatch(port -> portName != null ? portName.equals(find(port, "name")) : portNumber.equals(find(port, "port"))),
            ingress.where() + " routes to a port " + service.where() + " does not have");
      }
    }
  }

  private static List<Manifest> selectedWorkloads(Map<String, Object> selector, List<Manifest> manifests) {
    return manifests.stream().filter(m -> Set.of("Deployment", "StatefulSet").contains(m.kind()))
        .filter(workload -> templateLabels(workload).entrySet().containsAll(selector.entrySet())).toList();
  }

  private static Map<String, Object> templateLabels(Manifest workload) {
    return asMap(find(workload.body(), "spec.template.metadata.labels"), workload.where() + " template labels");
  }

  private static Manifest named(List<Manifest> manifests, String kind, String name) {
    return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " under docker/k8s"));
  }

  // --- models ---------------------------------------------------------------------------------

  /** One document of a file under docker/k8s. */
  private record Manifest(String file, Map<String, Object> body) {
    String kind() {
      return String.valueOf(body.get("kind"));
    }

    String name() {
      return String.valueOf(find(body, "metadata.name"));
    }

    String where() {
      return file + ": " + kind() + " " + name();
    }
  }

  /** A container of a workload's pod template. */
  private record PodContainer(Manifest owner, Map<String, Object> spec) {
    String where() {
      return owner.where() + ", container " + spec.get("name");
    }

    Map<String, Integer> namedPorts() {
      Map<String, Integer> ports = new LinkedHashMap<>();
      Object declared = spec.get("ports");
      if (declared != null) {
        asList(declared, where() + " ports").forEach(port ->
            ports.put(String.valueOf(find(port, "name")), (Integer) find(port, "containerPort")));
      }
      return ports;
    }

    /**
     * Every variable the container gets, to its env entry, or to its ConfigMap or Secret value for
     * those taken whole (envFrom). Fails on a reference to something that does not exist.
     */
    Map<String, Object> environment(List<Manifest> manifests) {
      Map<String, Object> environment = new LinkedHashMap<>();
      Object envFrom = spec.get("envFrom");
      for (Object source : envFrom == null ? List.of() : asList(envFrom, where() + " envFrom")) {
        boolean isConfigMap = find(source, "configMapRef") != null;
        Manifest data = named(manifests, isConfigMap ? "ConfigMap" : "Secret",
            String.valueOf(find(source, (isConfigMap ? "configMapRef" : "secretRef") + ".name")));
        environment.putAll(dataOf(data));
      }
      Object env = spec.get("env");
      for (Object entry : env == null ? List.of() : asList(env, where() + " env")) {
        for (String reference : List.of("secretKeyRef", "configMapKeyRef")) {
          Object ref = find(entry, "valueFrom." + reference);
          if (ref != null) {
            Manifest data = named(manifests, reference.equals("secretKeyRef") ? "Secret" : "ConfigMap",
                String.valueOf(find(ref, "name")));
            assertTrue(dataOf(data).containsKey(String.valueOf(find(ref, "key"))), where() + ": " + ref);
          }
        }
        environment.put(String.valueOf(find(entry, "name")), entry);
      }
      return environment;
    }

    /** A variable's literal value, from env or a ConfigMap taken whole. */
    String value(String name, List<Manifest> manifests) {
      Object entry = environment(manifests).get(name);
      Object value = entry instanceof Map<?, ?> ? find(entry, "value") : entry;
      assertInstanceOf(String.class, value, where() + " sets " + name + " to a literal");
      return (String) value;
    }
  }

  private static Map<String, Object> dataOf(Manifest configMapOrSecret) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String field : List.of("data", "stringData")) {
      Object values = configMapOrSecret.body().get(field);
      if (values != null) {
        data.putAll(asMap(values, configMapOrSecret.where() + " " + field));
      }
    }
    return data;
  }

  /** One service of docker-compose.yml, merge keys applied. */
  private record ComposeService(String name, Map<String, Object> spec) {
    Map<String, String> environment() {
      Map<String, String> environment = new LinkedHashMap<>();
      Object declared = spec.get("environment");
      if (declared instanceof List<?> entries) {
        entries.forEach(entry -> {
          String[] nameValue = String.valueOf(entry).split("=", 2);
          environment.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : null);
        });
      } else if (declared != null) {
        asMap(declared, name + " environment").forEach((key, value) ->
            environment.put(key, value == null ? null : String.valueOf(value)));
      }
      return environment;
    }

    String roles() {
      return environment().getOrDefault("GAME_ROLES", DEFAULTS.getString("game.roles"));
    }

    int replicas() {
      Object replicas = find(spec, "deploy.replicas");
      return replicas == null ? 1 : (Integer) replicas;
    }

    List<PortMapping> ports() {
      Object declared = spec.get("ports");
      return declared == null ? List.of() : asList(declared, name + " ports").stream().map(PortMapping::parse).toList();
    }

    /** Short-syntax volume entries, SOURCE:TARGET[:MODE]. */
    List<String> volumes() {
      Object declared = spec.get("volumes");
      return declared == null ? List.of() : asList(declared, name + " volumes").stream().map(String::valueOf).toList();
    }
  }

  /** A published port: the host side ("" when Docker picks it) and the container side. */
  private record PortMapping(String host, int container) {
    static PortMapping parse(Object declared) {
      if (declared instanceof Map<?, ?>) {
        return new PortMapping(String.valueOf(find(declared, "published")), (Integer) find(declared, "target"));
      }
      String[] parts = String.valueOf(declared).replaceAll("/(tcp|udp)$", "").split(":", -1);
      return new PortMapping(parts.length > 1 ? parts[parts.length - 2] : "",
          Integer.parseInt(parts[parts.length - 1]));
    }
  }

  // --- reading the files ----------------------------------------------------------------------

  /** ${?VAR} in the server's config files and System.getenv("VAR") in its code. */
  private static Set<String> variablesTheServerReads() throws IOException {
    Set<String> names = new TreeSet<>();
    names.addAll(matches(RESOURCES, ".conf", Pattern.compile("\\$\\{\\?([A-Z][A-Z0-9_]*)}")));
    names.addAll(matches(SOURCES, ".java", Pattern.compile("getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)")));
    return names;
  }

  private static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> path.toString().endsWith(suffix)).toList()) {
        pattern.matcher(Files.readString(file)).results().forEach(match -> found.add(match.group(1)));
      }
    }
    return found;
  }

  private static Map<String, Object> compose() throws IOException {
    List<Map<String, Object>> documents = yamlDocuments(DOCKER.resolve("docker-compose.yml"));
    assertEquals(1, documents.size());
    return documents.get(0);
  }

  private static List<ComposeService> composeServices() throws IOException {
    return asMap(compose().get("services"), "services").entrySet().stream()
        .map(service -> new ComposeService(service.getKey(), asMap(service.getValue(), service.getKey()))).toList();
  }

  private static List<ComposeService> composeServicesRunning(String imagePrefix) throws IOException {
    List<ComposeService> running = composeServices().stream()
        .filter(service -> String.valueOf(service.spec().get("image")).startsWith(imagePrefix)).toList();
    assertFalse(running.isEmpty(), "no compose service runs " + imagePrefix + "*");
    return running;
  }

  private static List<ComposeService> composeNodes() throws IOException {
    return composeServicesRunning(NODE_IMAGE);
  }

  /** haproxy.cfg without comments and with single spaces. */
  private static List<String> haproxyLines() throws IOException {
    return Files.readAllLines(HAPROXY_CONFIG).stream().map(line -> line.replaceAll("#.*", "").trim())
        .map(line -> line.replaceAll("\\s+", " ")).filter(line -> !line.isEmpty()).toList();
  }

  private static List<Manifest> manifests() throws IOException {
    List<Manifest> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
        yamlDocuments(file).forEach(body -> manifests.add(new Manifest(file.getFileName().toString(), body)));
      }
    }
    return manifests;
  }

  private static List<PodContainer> containers(Manifest manifest) {
    Object declared = find(manifest.body(), "spec.template.spec.containers");
    return declared == null ? List.of() : asList(declared, manifest.where() + " containers").stream()
        .map(container -> new PodContainer(manifest, asMap(container, manifest.where() + " container"))).toList();
  }

  private static List<PodContainer> nodeContainers(List<Manifest> manifests) {
    List<PodContainer> nodes = manifests.stream().flatMap(manifest -> containers(manifest).stream())
        .filter(container -> String.valueOf(container.spec().get("image")).startsWith(NODE_IMAGE)).toList();
    assertFalse(nodes.isEmpty(), "no container under docker/k8s runs " + NODE_IMAGE);
    return nodes;
  }

  private static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (document != null) {
          documents.add(asMap(document, file.getFileName() + " document"));
        }
      }
    }
    return documents;
  }

  /** Instructions with their continuation lines joined and comments dropped. */
  private static List<String> dockerInstructions(Path dockerfile) throws IOException {
    String text = Files.readString(dockerfile).replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n\\s*", "");
    return text.lines().map(String::trim).filter(line -> !line.isEmpty()).map(line -> line.replaceAll("\\s+", " ")).toList();
  }

  private static List<String> withKeyword(List<String> instructions, String keyword) {
    return instructions.stream().filter(line -> line.startsWith(keyword + " ")).toList();
  }

  private static List<String> seedList(String seeds) {
    assertNotNull(seeds, "GAME_SEED_NODES is set");
    return Stream.of(seeds.split(",")).map(String::trim).filter(Predicate.not(String::isEmpty)).toList();
  }

  private static void assertKeepsDefaultPorts(Set<String> variables, String where) {
    Set<String> overridden = new TreeSet<>(variables);
    overridden.retainAll(PORT_VARIABLES);
    assertTrue(overridden.isEmpty(), where + " moves a port away from the default: " + overridden);
  }

  /** A tag that starts with a version number: never missing, never "latest". */
  private static void assertPinned(String image, String where) {
    String tag = image.substring(image.lastIndexOf('/') + 1).contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
    assertTrue(tag.matches("\\d+(\\.\\d+)+.*"), where + " pins no version: " + image);
  }

  /** Compose durations: 45s, 1m30s, 500ms. */
  private static Duration composeDuration(String text) {
    Matcher part = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      });
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      fail("not a compose duration: " + text);
    }
    return total;
  }

  /** The value at a dotted path ("spec.template.spec"), or null where a step is missing. */
  private static Object find(Object node, String path) {
    Object current = node;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String what) {
    assertInstanceOf(Map.class, value, what + " must be a mapping");
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object value, String what) {
    assertInstanceOf(List.class, value, what + " must be a list");
    return (List<Object>) value;
  }
}
