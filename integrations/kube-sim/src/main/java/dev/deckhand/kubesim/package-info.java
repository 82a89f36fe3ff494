/**
 * A simulated Kubernetes for demo mode, tests and benchmarks.
 *
 * <p>{@link dev.deckhand.kubesim.KubeSim} starts one {@link dev.deckhand.kubesim.SimCluster} per
 * cluster name (fabric8's mock API server in CRUD mode plus a deployment controller that imitates
 * the real one), a read-only {@link dev.deckhand.kubesim.SimRegistry} and a {@link
 * dev.deckhand.kubesim.SimHealth} endpoint. Every server binds 127.0.0.1 only.
 *
 * <p>Failures are injected by the image tag of a container: {@code -crash}, {@code -oom}, {@code
 * -pullfail}, {@code -slow} and {@code -unhealthy} (see {@link dev.deckhand.kubesim.SimCluster}).
 */
package dev.deckhand.kubesim;
