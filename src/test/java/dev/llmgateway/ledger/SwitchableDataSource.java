package dev.llmgateway.ledger;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real database that can be made unreachable (connections fail as a pool's do when the server is away) or made
 * to hang (a connection is only handed out once released).
 */
final class SwitchableDataSource implements DataSource {

    private final DataSource database;
    private volatile boolean down;
    private volatile CountDownLatch hold;
    private volatile Error nextFailure;
    private final CountDownLatch held = new CountDownLatch(1);

    SwitchableDataSource(DataSource database) {
        this.database = database;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    /** The next connection fails with this error instead of an SQLException. */
    void failNextWith(Error error) {
        nextFailure = error;
    }

    /** Connections wait until {@link #release()}; {@link #awaitHeld()} returns once one is waiting. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void awaitHeld() throws InterruptedException {
        held.await();
    }

    void release() {
        hold.countDown();
    }

    @Override
    public Connection getConnection() throws SQLException {
        CountDownLatch waiting = hold;
        if (waiting != null) {
            held.countDown();
            try {
                waiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted");
            }
        }
        Error failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
        if (down) {
            throw new SQLTransientConnectionException("llmgateway-db - Connection is not available (database down)");
        }
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

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
