package dev.llmgateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a local port in front of a server (a database), that a test can cut: every open connection is
 * closed and new ones are refused until it is restored, as when the server or the network goes away.
 */
public final class CuttableTcpProxy implements AutoCloseable {

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    private CuttableTcpProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    public static CuttableTcpProxy start(String targetHost, int targetPort) throws IOException {
        CuttableTcpProxy proxy = new CuttableTcpProxy(TestGateway.freePort(),
                new InetSocketAddress(targetHost, targetPort));
        proxy.restore();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Closes every connection and stops listening, so new connections are refused. */
    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Accepts connections (again). */
    public synchronized void restore() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        ServerSocket accepting = listener;
        Thread acceptor = new Thread(() -> accept(accepting), "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                Socket client = accepting.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(server);
                    if (accepting.isClosed()) {
                        closeQuietly(client);
                        closeQuietly(server);
                        continue;
                    }
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // the listener was closed by cut(), or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
