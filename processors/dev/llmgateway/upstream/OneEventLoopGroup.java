package dev.llmgateway.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.Iterator;
import java.util.List;

/**
 * One event loop of another group, offered as a group of its own, so that every connection of an SDK HTTP client
 * built on it lives on that loop. It extends NioEventLoopGroup because the AWS SDK accepts only groups whose type
 * tells it the channel classes; its own (single) loop is never used, and its thread never starts but to shut down.
 */
final class OneEventLoopGroup extends NioEventLoopGroup {

    private final EventLoop loop;

    OneEventLoopGroup(EventLoop loop) {
        super(1);
        this.loop = loop;
    }

    @Override
    public EventLoop next() {
        return loop;
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return List.<EventExecutor>of(loop).iterator();
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return loop.register(channel);
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return loop.register(promise);
    }

    @Override
    @SuppressWarnings("deprecation")
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return loop.register(channel, promise);
    }
}
