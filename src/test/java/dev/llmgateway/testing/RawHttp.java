package dev.llmgateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket to the gateway, for what an HTTP client library would not send: partial or malformed requests. */
public final class RawHttp implements AutoCloseable {

    private static final int READ_PATIENCE_MS = 30_000;

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp connect(TestGateway gateway) {
        try {
            Socket socket = new Socket("127.0.0.1", gateway.uri("/").getPort());
            socket.setSoTimeout(READ_PATIENCE_MS);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a whole request on a new connection; @return everything the gateway sent until it closed it */
    public static String exchange(TestGateway gateway, String request) {
        try (RawHttp http = connect(gateway)) {
            http.send(request);
            return http.readUntilClosed();
        }
    }

    /** @throws UncheckedIOException when the gateway closed the connection */
    public RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the gateway closes the connection (or resets it), within a bound far longer than any timeout the
     * tests set; @return what was read
     * @throws AssertionError when the connection is still open after that
     */
    public String readUntilClosed() {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway kept the connection open; read so far: " + read, e);
        } catch (IOException reset) {
            return read.toString();
        }
        return read.toString();
    }

    /** Reads at most {@code bytes}; @return what came, or null once the gateway closed the connection */
    public String read(int bytes) {
        byte[] buffer = new byte[bytes];
        try {
            int n = socket.getInputStream().read(buffer);
            return n < 0 ? null : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the receive window small, so a client that reads slowly really holds the gateway's writes back. */
    public static RawHttp connectWithSmallReceiveBuffer(TestGateway gateway, int bytes) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(bytes);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", gateway.uri("/").getPort()));
            socket.setSoTimeout(READ_PATIENCE_MS);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
