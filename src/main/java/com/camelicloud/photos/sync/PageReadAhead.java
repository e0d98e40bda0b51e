package com.camelicloud.photos.sync;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.camelicloud.photos.cloudkit.CloudKitException;

/**
 * Sends the CloudKit requests for a walk's next pages while the consumer still works on the current page, so that
 * the answers are there when the next pages are asked for. Only the raw requests run early: walkers resolve an
 * answer against the state when the consumer asks, i.e. after the previous page was committed, so pages are still
 * handed out, and committed, in order. At most {@link #IN_FLIGHT} requests are ahead, each on a daemon thread, which
 * {@link #close()} interrupts and ends.
 */
final class PageReadAhead implements AutoCloseable {

    /**
     * How many requests may be ahead. A full listing of 100,000 assets is 1,000 {@code records/query} requests; one
     * at a time at 100 ms each, the walk could not take less than 100 s (docs/protocol.md §3.11: other clients list
     * with 8 workers or more).
     */
    static final int IN_FLIGHT = 5;
    private static final String THREAD_NAME = "icloud-photos-page-read-ahead";

    private ExecutorService executor;
    private final Map<Object, Future<?>> ahead = new LinkedHashMap<>();
    private boolean closed;

    /**
     * Starts {@code call} in the background for the next {@link #fetch} of an equal {@code request}, replacing
     * (and cancelling) requests started before and not fetched.
     *
     * @param request the call's parameters (zone, and what the previous answer gave); a record, compared by value
     */
    <R> void start(R request, Function<R, ?> call) {
        start(List.of(request), call);
    }

    /**
     * Makes {@code requests} the ones ahead, in that order: those already under way go on, the others start, and
     * requests started before that are not among them are cancelled. Only the first {@link #IN_FLIGHT} are started.
     */
    synchronized <R> void start(List<R> requests, Function<R, ?> call) {
        if (closed) {
            return;
        }
        List<R> wanted = requests.subList(0, Math.min(requests.size(), IN_FLIGHT));
        for (Iterator<Map.Entry<Object, Future<?>>> it = ahead.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object, Future<?>> entry = it.next();
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().cancel(true);
                it.remove();
            }
        }
        if (executor == null) {
            executor = Executors.newFixedThreadPool(IN_FLIGHT, task -> {
                Thread thread = new Thread(task, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
        }
        for (R request : wanted) {
            if (!ahead.containsKey(request)) {
                ahead.put(request, executor.submit(() -> call.apply(request)));
            }
        }
    }

    /**
     * The answer to {@code request}: the one started ahead when an equal request is, else {@code call} made now
     * (and then the requests ahead were a wrong guess: they are cancelled). A failure of an early call is thrown
     * here, unchanged, as if the call had been made now.
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

    /** Cancels the requests still ahead and ends the threads; later {@link #start} calls do nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        cancelAhead();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private synchronized Future<?> takeAhead(Object request) {
        Future<?> answer = ahead.remove(request);
        if (answer == null) {
            cancelAhead();
        }
        return answer;
    }

    private void cancelAhead() {
        ahead.values().forEach(future -> future.cancel(true));
        ahead.clear();
    }
}
