package dev.deckhand.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The store's ports on a small connection pool, for tests that make thousands of store calls: the
 * production {@link Database} opens a connection per call (a few per second in the bot), which
 * costs tens of milliseconds on a busy machine. Lives in the store's package because {@link Stores}
 * is built only there. Test code only.
 */
public final class PooledStores {
  private PooledStores() {}

  /** The ports of {@link Stores} on connections of {@code database} that are reused. */
  public static Stores on(Database database) {
    return new Stores(new Pool(database.dataSource()));
  }

  /**
   * Hands out physical connections wrapped so that closing one puts it back, rolled back, in
   * auto-commit mode, read-write and read-committed as a fresh one would be. Unbounded: as many as
   * are in use at once. Thread-safe.
   */
  private static final class Pool implements DataSource {
    private final DataSource source;
    private final Deque<Connection> idle = new ArrayDeque<>();

    Pool(DataSource source) {
      this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection physical;
      synchronized (idle) {
        physical = idle.pollFirst();
      }
      if (physical == null || physical.isClosed()) {
        physical = source.getConnection();
      }
      return lend(physical);
    }

    private Connection lend(Connection physical) {
      boolean[] returned = {false};
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (self, method, args) -> {
                if (method.getName().equals("close")) {
                  if (!returned[0]) {
                    returned[0] = true;
                    giveBack(physical);
                  }
                  return null;
                }
                if (method.getName().equals("isClosed")) {
                  return returned[0] || physical.isClosed();
                }
                if (returned[0]) {
                  throw new SQLException("connection already closed");
                }
                try {
                  return method.invoke(physical, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    private void giveBack(Connection physical) throws SQLException {
      try {
        if (!physical.getAutoCommit()) {
          physical.rollback();
          physical.setAutoCommit(true);
        }
        physical.setReadOnly(false);
        physical.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      } catch (SQLException e) {
        physical.close();
        return;
      }
      synchronized (idle) {
        idle.addFirst(physical);
      }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the pool has one user");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
