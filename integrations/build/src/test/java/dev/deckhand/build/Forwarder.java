package dev.deckhand.build;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Forwards connections from 127.0.0.1 (an ephemeral port) to another address, byte for byte: a unix
 * socket (to test a tcp:// engine endpoint against the dockerd that listens on a socket), or a
 * plain-HTTP server that must answer dockerd fast (dockerd tries TLS first on an insecure registry;
 * a TLS hello is hung up on at once, so it falls back to HTTP without waiting for its handshake
 * timeout).
 */
final class Forwarder implements AutoCloseable {
  private static final byte TLS_HANDSHAKE = 0x16;

  private final ServerSocketChannel server;
  private final SocketAddress target;
  private final boolean refuseTls;

  private Forwarder(SocketAddress target, boolean refuseTls) throws IOException {
    this.target = target;
    this.refuseTls = refuseTls;
    this.server =
        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    daemon("forwarder-accept", this::accept);
  }

  static Forwarder toUnixSocket(Path socket) throws IOException {
    return new Forwarder(UnixDomainSocketAddress.of(socket), false);
  }

  static Forwarder toPlainHttp(InetSocketAddress server) throws IOException {
    return new Forwarder(server, true);
  }

  int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        daemon("forwarder-connect", () -> connect(client));
      } catch (IOException e) {
        // Closed: the test is over.
      }
    }
  }

  private void connect(SocketChannel client) {
    try {
      ByteBuffer first = ByteBuffer.allocate(1);
      if (client.read(first) < 0 || (refuseTls && first.get(0) == TLS_HANDSHAKE)) {
        close(client);
        return;
      }
      SocketChannel upstream = SocketChannel.open(target);
      first.flip();
      upstream.write(first);
      pump(client, upstream);
      pump(upstream, client);
    } catch (IOException e) {
      close(client);
    }
  }

  /** Copies one direction with the channels themselves: their stream adapters share one lock. */
  private static void pump(SocketChannel from, SocketChannel to) {
    daemon(
        "forwarder-pump",
        () -> {
          ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
          try {
            while (from.read(buffer) >= 0) {
              buffer.flip();
              while (buffer.hasRemaining()) {
                to.write(buffer);
              }
              buffer.clear();
            }
          } catch (IOException e) {
            // One side hung up.
          } finally {
            close(from);
            close(to);
          }
        });
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
