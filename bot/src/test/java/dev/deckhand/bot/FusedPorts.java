package dev.deckhand.bot;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decorators, as dynamic proxies, of the ports an engine reaches the world through, all wired to
 * one {@link Fuse}. Proxies rather than hand-written classes so that a port that gains a method
 * keeps being decorated: for a store port every method that is not a known read counts as a write
 * (a new write is an injection point at once; a new read is, at worst, one more).
 */
final class FusedPorts {

  /** Method names that only read, whatever the port. */
  private static final Set<String> READS =
      Set.of(
          "find",
          "params",
          "unfinished",
          "recent",
          "forOperation",
          "forMessage",
          "pending",
          "votes",
          "holder",
          "all",
          "active");

  private static final Set<String> READ_PREFIXES =
      Set.of("find", "get", "list", "read", "load", "count", "exists", "recent");

  private FusedPorts() {}

  /** A store port whose writes are counted and may blow the fuse; any call fails once dead. */
  static <T> T store(Class<T> port, T target, Fuse fuse) {
    return proxy(
        port,
        target,
        (method, args) -> {
          String label = port.getSimpleName() + "." + method.getName();
          boolean dieAfter = false;
          if (isRead(port, method)) {
            fuse.requireAlive(label);
          } else {
            dieAfter = fuse.write(label);
          }
          Object result = call(target, method, args);
          if (dieAfter) {
            throw fuse.death(label);
          }
          return result;
        });
  }

  /**
   * Any other port (cluster, chat, registry, health): every call fails once the fuse killed the
   * process, and a subscription of a dead process hears nothing more.
   */
  static <T> T guarded(Class<T> port, T target, Fuse fuse) {
    return proxy(
        port,
        target,
        (method, args) -> {
          fuse.requireAlive(port.getSimpleName() + "." + method.getName());
          if (args != null) {
            for (int i = 0; i < args.length; i++) {
              if (args[i] instanceof Consumer<?> listener) {
                args[i] = silencedWhenDead(listener, fuse);
              }
            }
          }
          return call(target, method, args);
        });
  }

  private static <X> Consumer<X> silencedWhenDead(Consumer<X> listener, Fuse fuse) {
    return x -> {
      if (!fuse.dead()) {
        listener.accept(x);
      }
    };
  }

  private static boolean isRead(Class<?> port, Method method) {
    String name = method.getName();
    if (READS.contains(name)) {
      return true;
    }
    // BoardStore.open() lists the open boards; ApprovalStore.open(request) writes.
    if (name.equals("open") && method.getParameterCount() == 0) {
      return true;
    }
    return READ_PREFIXES.stream()
        .anyMatch(
            p ->
                name.startsWith(p)
                    && name.length() > p.length()
                    && Character.isUpperCase(name.charAt(p.length())));
  }

  private interface Call {
    Object invoke(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> port, T target, Call call) {
    InvocationHandler handler =
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> self == args[0];
              case "hashCode" -> System.identityHashCode(self);
              default -> port.getSimpleName() + " (fused) " + target;
            };
          }
          return call.invoke(method, args);
        };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
