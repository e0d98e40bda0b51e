package com.camelicloud.photos.sync;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.camelicloud.photos.cloudkit.CloudKitException;

/**
 * Sends the CloudKit request for a walk's next page while the consumer still downloads the current page, so that
 * the answer is there when the next page is asked for. Only the raw request runs early: walkers resolve its answer
 * against the state when the consumer asks, i.e. after the previous page was committed. At most one request is
 * ahead; it runs on one daemon thread, which {@link #close()} interrupts and ends.
 */
final class PageReadAhead implements AutoCloseable {

    private static final String THREAD_NAME = "icloud-photos-page-read-ahead";

    private ExecutorService executor;
    private Object aheadRequest;
    private Future<?> ahead;
    private boolean closed;

    /**
     * Starts {@code call} in the background for the next {@link #fetch} of an equal {@code request}, replacing
     * (and cancelling) a request started before and not fetched.
     *
     * @param request the call's parameters (zone, and what the previous answer gave); a record, compared by value
     */
    synchronized <R> void start(R request, Function<R, ?> call) {
        if (closed) {
            return;
        }
        cancelAhead();
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
        }
        aheadRequest = Objects.requireNonNull(request);
        ahead = executor.submit(() -> call.apply(request));
    }

    /**
     * The answer to {@code request}: the one started ahead when it is the same request, else {@code call} made now.
     * A failure of the early call is thrown here, unchanged, as if the call had been made now.
     */
    @SuppressWarnings("unchecked")
    <R, T> T fetch(R request, Function<R, T> call) {
        Future<?> answer = takeAhead(request);
        if (answer == null) {
            return call.apply(request);
        }
        try {
            return (T) answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause(); // a Function throws nothing checked
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new CloudKitException("read-ahead", -1, null, "interrupted while waiting for the next page");
        }
    }

    /** Cancels a request still ahead and ends the thread; later {@link #start} calls do nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        cancelAhead();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private synchronized Future<?> takeAhead(Object request) {
        if (ahead == null || !aheadRequest.equals(request)) {
            cancelAhead();
            return null;
        }
        Future<?> answer = ahead;
        ahead = null;
        aheadRequest = null;
        return answer;
    }

    private void cancelAhead() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
            aheadRequest = null;
        }
    }
}
