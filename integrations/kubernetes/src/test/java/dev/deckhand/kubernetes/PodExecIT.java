package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.exec.ExecRequest;
import dev.deckhand.commands.exec.ExecResult;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.kubesim.SimPsql;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KubernetesClusters#exec} against kube-sim's pod exec and its scripted psql. */
class PodExecIT {
  private static final String CLUSTER = "staging";
  private static final String NS = "coachpilot";
  private static final Target DB = new Target(CLUSTER, NS, "postgres", "postgres");
  private static final PodSelector DEPLOYMENT =
      new PodSelector(PodSelector.Kind.DEPLOYMENT, "postgres");
  private static final List<String> PSQL =
      List.of("psql", "-v", "ON_ERROR_STOP=1", "-X", "-q", "-d", "coachpilot", "-U", "coachpilot");

  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(100));

  @BeforeAll
  static void seed() {
    kube.sim().seedDeployment(CLUSTER, NS, "postgres", "postgres", "postgres:16", 1);
  }

  private static ExecResult exec(PodSelector pod, List<String> argv, String stdin) {
    return kube.clusters()
        .exec(
            DB,
            new ExecRequest(
                pod,
                "postgres",
                argv,
                stdin.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(30)));
  }

  private static List<String> with(String... more) {
    List<String> argv = new java.util.ArrayList<>(PSQL);
    argv.addAll(List.of(more));
    return argv;
  }

  @Test
  void aStatementRunsInTheNewestReadyPodOfTheDeployment() {
    ExecResult r = exec(DEPLOYMENT, with("-c", "SELECT id, name FROM users"), "");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith(" id | name  | plan\n").endsWith("(3 rows)\n");
    assertThat(r.stderr()).isEmpty();
    SimPsql.Statement last = last();
    assertThat(last.sql()).isEqualTo("SELECT id, name FROM users");
    assertThat(last.namespace()).isEqualTo(NS);
    assertThat(last.pod()).startsWith("postgres-");
    assertThat(last.user()).isEqualTo("coachpilot");
  }

  @Test
  void aFileOnStdinRunsUpToTheQuitLine() {
    int before = kube.sim().cluster(CLUSTER).psql().statements().size();
    ExecResult r =
        exec(DEPLOYMENT, PSQL, "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n\\q\n");
    assertThat(r.exitCode()).isZero();
    assertThat(kube.sim().cluster(CLUSTER).psql().statements().subList(before, before + 2))
        .extracting(SimPsql.Statement::sql)
        .containsExactly("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)");
  }

  @Test
  void aFailingFileIsAResultWithPsqlsExitCodeAndErrors() {
    ExecResult r = exec(DEPLOYMENT, PSQL, "CREATE TABLE FAIL_ME (id int);\n\\q\n");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.stderr()).contains("ERROR:  relation \"FAIL_ME\" does not exist");
  }

  @Test
  void aPodByNameWorksToo() {
    String pod =
        kube.sim()
            .cluster(CLUSTER)
            .client()
            .pods()
            .inNamespace(NS)
            .withLabel("app", "postgres")
            .list()
            .getItems()
            .get(0)
            .getMetadata()
            .getName();
    ExecResult r =
        exec(new PodSelector(PodSelector.Kind.POD, pod), with("-c", "UPDATE a SET id = 2"), "");
    assertThat(r.exitCode()).isZero();
    assertThat(last().sql()).isEqualTo("UPDATE a SET id = 2");
  }

  @Test
  void aMissingWorkloadOrPodIsAClusterErrorNamingIt() {
    assertThatThrownBy(
            () -> exec(new PodSelector(PodSelector.Kind.DEPLOYMENT, "nope"), with("-c", "x"), ""))
        .isInstanceOf(ClusterException.class)
        .hasMessage("deployment coachpilot/nope not found in cluster staging");
    assertThatThrownBy(
            () -> exec(new PodSelector(PodSelector.Kind.STATEFULSET, "pg"), with("-c", "x"), ""))
        .isInstanceOf(ClusterException.class)
        .hasMessage("statefulset coachpilot/pg not found in cluster staging");
    assertThatThrownBy(
            () -> exec(new PodSelector(PodSelector.Kind.POD, "pg-0"), with("-c", "x"), ""))
        .isInstanceOf(ClusterException.class)
        .hasMessage("pod coachpilot/pg-0 not found in cluster staging");
  }

  @Test
  void aProgramThatIsNotThereExitsWith127() {
    ExecResult r = exec(DEPLOYMENT, List.of("sh", "-c", "psql"), "");
    assertThat(r.exitCode()).isEqualTo(127);
    assertThat(r.stderr()).contains("command not found");
  }

  private static SimPsql.Statement last() {
    List<SimPsql.Statement> all = kube.sim().cluster(CLUSTER).psql().statements();
    return all.get(all.size() - 1);
  }
}
