package dev.deckhand.build;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Forwards connections from 127.0.0.1 (an ephemeral port) to a unix socket, byte for byte, so that
 * a tcp:// engine endpoint can be tested against the one dockerd that listens on a socket.
 */
final class TcpToUnix implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;

  TcpToUnix(Path socket) throws IOException {
    this.socket = socket;
    this.server =
        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    daemon("tcp-to-unix-accept", this::accept);
  }

  int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        pump(client, engine);
        pump(engine, client);
      } catch (IOException e) {
        // Closed: the test is over.
      }
    }
  }

  /** Copies one direction with the channels themselves: their stream adapters share one lock. */
  private static void pump(SocketChannel from, SocketChannel to) {
    daemon(
        "tcp-to-unix-pump",
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
