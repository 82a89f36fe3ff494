/**
 * A simulated Kubernetes for demo mode, tests and benchmarks.
 *
 * <p>{@link dev.deckhand.kubesim.KubeSim} starts one {@link dev.deckhand.kubesim.SimCluster} per
 * cluster name (fabric8's mock API server in CRUD mode plus a deployment controller that imitates
 * the real one), a read-only {@link dev.deckhand.kubesim.SimRegistry}, a {@link
 * dev.deckhand.kubesim.SimHealth} endpoint and a {@link dev.deckhand.kubesim.SimPrometheus} metrics
 * API. Every server binds 127.0.0.1 only.
 *
 * <p>Failures are injected by the image tag of a container: {@code -crash}, {@code -oom}, {@code
 * -pullfail}, {@code -slow}, {@code -unhealthy} and {@code -errors} (see {@link
 * dev.deckhand.kubesim.SimCluster}).
 */
package dev.deckhand.kubesim;
