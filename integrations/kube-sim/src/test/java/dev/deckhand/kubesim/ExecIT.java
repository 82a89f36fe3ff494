package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pod exec in kube-sim through fabric8's own exec client: the scripted psql. */
class ExecIT {
  private static final String NS = "coachpilot";
  private static final String POD = "postgres-0";

  private static SimCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = SimCluster.start("execs", SimOptions.defaults());
    client = cluster.client();
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(POD)
                .addToLabels("app", "postgres")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("postgres")
                .withImage("postgres:16")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private record Ran(int exitCode, String stdout, String stderr) {}

  private static Ran exec(String stdin, String... argv) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    var pod = client.pods().inNamespace(NS).withName(POD).inContainer("postgres");
    try (ExecWatch watch =
        stdin == null
            ? pod.writingOutput(out).writingError(err).exec(argv)
            : pod.redirectingInput().writingOutput(out).writingError(err).exec(argv)) {
      if (stdin != null) {
        OutputStream in = watch.getInput();
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      int code = watch.exitCode().get(20, TimeUnit.SECONDS);
      return new Ran(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** psql as the bot runs it (stop on the first error, no psqlrc, quiet), then {@code more}. */
  private static Ran psql(String stdin, String... more) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of("psql -v ON_ERROR_STOP=1 -X -q -d coachpilot -U coachpilot".split(" ")));
    argv.addAll(List.of(more));
    return exec(stdin, argv.toArray(String[]::new));
  }

  /** Runs {@code psql -c "select 1"} in {@code container} of {@code pod}; returns its exit code. */
  private static int psqlIn(String pod, String container) throws Exception {
    return client
        .pods()
        .inNamespace(NS)
        .withName(pod)
        .inContainer(container)
        .writingOutput(new ByteArrayOutputStream())
        .exec("psql", "-c", "select 1")
        .exitCode()
        .get(20, TimeUnit.SECONDS);
  }

  @Test
  void aSelectByDashCIsAnsweredInPsqlsAlignedOutputAndRecorded() throws Exception {
    Ran r = psql(null, "-c", "SELECT id, name, plan FROM users");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .isEqualTo(
            " id | name  | plan\n"
                + "----+-------+------\n"
                + " 1  | alice | pro\n"
                + " 2  | bob   | free\n"
                + " 3  | carol | pro\n"
                + "(3 rows)\n");
    assertThat(cluster.psql().statements())
        .anySatisfy(
            s -> {
              assertThat(s.sql()).isEqualTo("SELECT id, name, plan FROM users");
              assertThat(s.database()).isEqualTo("coachpilot");
              assertThat(s.user()).isEqualTo("coachpilot");
              assertThat(s.pod()).isEqualTo(POD);
            });
  }

  @Test
  void unalignedOutputUsesTheFieldSeparator() throws Exception {
    Ran r = exec(null, "psql", "-A", "-F", ",", "-d", "coachpilot", "-c", "select 1");
    assertThat(r.stdout()).startsWith("id,name,plan\n1,alice,pro\n").endsWith("(3 rows)\n");
  }

  @Test
  void sqlOnStdinRunsUpToTheQuitLineStatementByStatement() throws Exception {
    int before = cluster.psql().statements().size();
    Ran r =
        psql(
            "BEGIN;\nCREATE TABLE plans (id int); -- a comment; with a semicolon\n"
                + "INSERT INTO plans VALUES (1);\nCOMMIT;\n\\q\n");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(cluster.psql().statements().subList(before, before + 4))
        .extracting(SimPsql.Statement::sql)
        .containsExactly(
            "BEGIN", "CREATE TABLE plans (id int)", "INSERT INTO plans VALUES (1)", "COMMIT");
  }

  @Test
  void failMeFailsLikePsqlWithOnErrorStopAndStopsThere() throws Exception {
    int before = cluster.psql().statements().size();
    Ran r =
        exec(
            "CREATE TABLE a (id int);\nSELECT * FROM FAIL_ME;\nCREATE TABLE never (id int);\n\\q\n",
            "psql",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            "coachpilot");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr())
        .isEqualTo("psql:<stdin>:2: ERROR:  relation \"FAIL_ME\" does not exist\n");
    assertThat(cluster.psql().statements().subList(before, cluster.psql().statements().size()))
        .extracting(SimPsql.Statement::failed)
        .containsExactly(false, true);
  }

  @Test
  void anythingButPsqlIsNotFound() throws Exception {
    Ran r = exec(null, "sh", "-c", "rm -rf /");
    assertThat(r.exitCode()).isEqualTo(127);
    assertThat(r.stderr()).isEqualTo("sh: command not found\n");
  }

  @Test
  void aMissingPodIsNotFound() {
    Assertions.assertThatThrownBy(() -> psqlIn("nope", "postgres"))
        .hasStackTraceContaining("pods/nope. Message: Not Found");
  }

  @Test
  void anUnknownContainerIsABadRequest() {
    Assertions.assertThatThrownBy(() -> psqlIn(POD, "sidecar"))
        .hasStackTraceContaining("container sidecar not found in pod postgres-0");
  }

  @SuppressWarnings("unused")
  private static Class<?> keep() {
    return KubernetesClientException.class;
  }
}
