package io.arena.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package tree is the architecture (README.md, Source map): game rules at the bottom, the room
 * on them (publishing to the lobby's list of public rooms), the edge and the operator views on the
 * room, and the node's composition root on top; settings and metrics are for everyone.
 * Dependencies go one way only.
 */
@AnalyzeClasses(packages = "io.arena.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule layersDependDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("node").definedBy("io.arena.server")
      .layer("edge").definedBy("io.arena.server.edge..")
      .layer("ops").definedBy("io.arena.server.ops..")
      .layer("room").definedBy("io.arena.server.room..")
      .layer("lobby").definedBy("io.arena.server.lobby..")
      .layer("game").definedBy("io.arena.server.game..")
      .layer("config").definedBy("io.arena.server.config..")
      .layer("metrics").definedBy("io.arena.server.metrics..")
      .whereLayer("node").mayNotBeAccessedByAnyLayer()
      .whereLayer("edge").mayOnlyBeAccessedByLayers("node")
      .whereLayer("ops").mayOnlyBeAccessedByLayers("node")
      .whereLayer("room").mayOnlyBeAccessedByLayers("edge", "ops", "node")
      .whereLayer("lobby").mayOnlyBeAccessedByLayers("room", "edge", "node")
      .whereLayer("game").mayOnlyBeAccessedByLayers("room", "edge", "ops", "node")
      .whereLayer("config").mayOnlyBeAccessedByLayers("game", "lobby", "room", "edge", "ops", "node")
      .whereLayer("metrics").mayOnlyBeAccessedByLayers("room", "edge", "ops", "node");

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching("io.arena.server.(*)..")
      .should().beFreeOfCycles();

  /** The game's rules are plain Java: no actors, no sockets, no storage. */
  @ArchTest
  static final ArchRule gameRulesUseNoFramework = noClasses().that().resideInAPackage("io.arena.server.game..")
      .should().dependOnClassesThat().resideInAnyPackage("akka..", "io.netty..", "com.fasterxml..", "java.sql..")
      .orShould().dependOnClassesThat().resideInAnyPackage("io.arena.server.config..", "io.arena.server.metrics..");

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
