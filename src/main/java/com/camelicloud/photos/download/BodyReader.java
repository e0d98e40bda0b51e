package com.camelicloud.photos.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pulls a response body chunk by chunk with a stall timeout. The JDK client's request timeout ends once headers
 * arrive, so without this a CDN that stops sending mid-body would hang a download thread forever (§1.3: 120 s
 * read-stall, no total cap). Demand is one batch at a time, so a slow consumer (disk, bandwidth cap) slows the
 * sender through TCP flow control instead of piling data up in memory.
 */
final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {

    /** No bytes arrived within the stall timeout. */
    static final class StallException extends IOException {
        StallException(Duration timeout) {
            super("no data for " + timeout.toMillis() + " ms");
        }
    }

    private record Failure(Throwable cause) {
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private Iterator<ByteBuffer> batch;
    private boolean finished;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null || cancelled) {
            s.cancel();
            return;
        }
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        events.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        events.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        events.add(END);
    }

    /**
     * The next non-empty chunk, or {@code null} at the end of the body. The caller must consume the returned buffer
     * before calling again.
     */
    ByteBuffer next(Duration stallTimeout) throws IOException, InterruptedException {
        while (true) {
            if (batch != null) {
                while (batch.hasNext()) {
                    ByteBuffer buffer = batch.next();
                    if (buffer.hasRemaining()) {
                        return buffer;
                    }
                }
                batch = null;
                subscription.request(1);
            }
            if (finished) {
                return null;
            }
            Object event = events.poll(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new StallException(stallTimeout);
            }
            if (event == END) {
                finished = true;
                return null;
            }
            if (event instanceof Failure failure) {
                finished = true;
                Throwable cause = failure.cause();
                throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> buffers = (List<ByteBuffer>) event;
            batch = buffers.iterator();
        }
    }

    /** Stops the transfer; the client closes or resets the connection. Safe to call more than once. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
