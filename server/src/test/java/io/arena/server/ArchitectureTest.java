package io.arena.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package tree is the architecture (README.md, Source map): the game API at the bottom, the
 * room on it (publishing to the lobby's list of public rooms), the edge and the operator views on
 * the room, and the node's composition root on top; settings and metrics are for everyone. The
 * bundled games stand beside the server, as a studio's would: written against the API alone, found
 * by ServiceLoader, named by nothing in the server. Dependencies go one way only.
 */
@AnalyzeClasses(packages = "io.arena", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule layersDependDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("node").definedBy("io.arena.server")
      .layer("edge").definedBy("io.arena.server.edge..")
      .layer("ops").definedBy("io.arena.server.ops..")
      .layer("room").definedBy("io.arena.server.room..")
      .layer("lobby").definedBy("io.arena.server.lobby..")
      .layer("config").definedBy("io.arena.server.config..")
      .layer("metrics").definedBy("io.arena.server.metrics..")
      .whereLayer("node").mayNotBeAccessedByAnyLayer()
      .whereLayer("edge").mayOnlyBeAccessedByLayers("node")
      .whereLayer("ops").mayOnlyBeAccessedByLayers("node")
      .whereLayer("room").mayOnlyBeAccessedByLayers("edge", "ops", "node")
      .whereLayer("lobby").mayOnlyBeAccessedByLayers("room", "edge", "node")
      .whereLayer("config").mayOnlyBeAccessedByLayers("lobby", "room", "edge", "ops", "node")
      .whereLayer("metrics").mayOnlyBeAccessedByLayers("room", "edge", "ops", "node");

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching("io.arena.server.(*)..")
      .should().beFreeOfCycles();

  /** The game API names no framework: a studio's game compiles against plain Java and it. */
  @ArchTest
  static final ArchRule gameApiIsPlainJava = classes().that().resideInAPackage("io.arena.game")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.arena.game", "java..");

  /**
   * A bundled game is written as a studio would write its own: the API and plain Java only. The
   * arena also writes its compact frames with the protocol's encoder (protocol/README.md section
   * 11), which clients decode with the same module's decoder.
   */
  @ArchTest
  static final ArchRule gamesUseOnlyTheApi = classes().that().resideInAPackage("io.arena.games..")
      .and().resideOutsideOfPackage("io.arena.games.arena")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.arena.game", "io.arena.games..", "java..");

  @ArchTest
  static final ArchRule theArenaAddsOnlyItsCompactFrames = classes().that().resideInAPackage("io.arena.games.arena")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.arena.game", "io.arena.games.arena", "java..",
          "io.arena.protocol.compact", "io.arena.protocol");

  @ArchTest
  static final ArchRule gamesDoNotKnowEachOther = slices().matching("io.arena.games.(*)..")
      .should().notDependOnEachOther();

  /** The server finds games by ServiceLoader: it names none of them. */
  @ArchTest
  static final ArchRule theServerNamesNoGame = noClasses().that().resideInAPackage("io.arena.server..")
      .should().dependOnClassesThat().resideInAPackage("io.arena.games..");

  /** Frameworks' internals change without notice between patch releases. */
  @ArchTest
  static final ArchRule noFrameworkInternals = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("akka..impl..", "akka..internal..", "io.netty..internal..", "scala..impl..",
          "com.fasterxml..impl..", "sun..", "com.sun..", "jdk.internal..");

  /** Only the room holds the ledger and its persistence. */
  @ArchTest
  static final ArchRule onlyTheRoomPersists = noClasses().that().resideOutsideOfPackage("io.arena.server.room..")
      .should().dependOnClassesThat().resideInAnyPackage("akka.persistence..");

  /** Only the edge touches player sockets. */
  @ArchTest
  static final ArchRule onlyTheEdgeHoldsSockets = noClasses().that().resideOutsideOfPackages("io.arena.server.edge..")
      .and().resideOutsideOfPackage("io.arena.server")
      .should().dependOnClassesThat().resideInAnyPackage("io.netty..");
}
