package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One thread keeps every request's time-out: each fails on time, and not before, and an answer stops it. */
class RequestTimeoutsTest {
    private final RequestTimeouts timeouts = new RequestTimeouts();

    /** Requests by deadline, as a session keeps them. */
    private final class Requests implements RequestTimeouts.Watched {
        final Map<CompletableFuture<String>, Long> waiting = new ConcurrentHashMap<>();

        CompletableFuture<String> request(Duration timeout) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            waiting.put(answer, deadline);
            timeouts.added(deadline);
            return answer;
        }

        @Override
        public long expire(long now, long horizon) {
            long earliest = horizon;
            for (Map.Entry<CompletableFuture<String>, Long> entry : waiting.entrySet()) {
                if (entry.getValue() - now <= 0) {
                    waiting.remove(entry.getKey());
                    entry.getKey().completeExceptionally(new TimeoutException());
                } else if (entry.getValue() - earliest < 0) {
                    earliest = entry.getValue();
                }
            }
            return earliest;
        }
    }

    private final Requests requests = new Requests();

    @AfterEach
    void close() {
        timeouts.close();
    }

    @Test
    void aRequestWithoutAnswerFailsWithATimeOutWhenItsTimeIsUp() {
        timeouts.watch(requests);
        long start = System.nanoTime();
        CompletableFuture<String> answer = requests.request(Duration.ofMillis(200));

        Throwable failure = answer.handle((value, error) -> error).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(failure).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @Test
    void aShorterTimeOutAfterALongerOneStillFailsOnTime() {
        timeouts.watch(requests);
        CompletableFuture<String> patient = requests.request(Duration.ofMinutes(1));
        long start = System.nanoTime();
        CompletableFuture<String> hasty = requests.request(Duration.ofMillis(100));

        assertThat(hasty.handle((value, error) -> error).orTimeout(5, TimeUnit.SECONDS).join())
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RequestTimeouts.IDLE_LOOK);
        assertThat(patient).isNotDone();
    }

    @Test
    void anAnsweredRequestIsNotFailedAfterwards() throws InterruptedException {
        timeouts.watch(requests);
        CompletableFuture<String> answer = requests.request(Duration.ofMillis(100));
        answer.complete("pong");
        requests.waiting.remove(answer);

        Thread.sleep(300);

        assertThat(answer.join()).isEqualTo("pong");
    }

    @Test
    void requestsOfAForgottenSessionAreLeftToIt() throws InterruptedException {
        timeouts.watch(requests);
        timeouts.forget(requests);
        CompletableFuture<String> answer = requests.request(Duration.ofMillis(50));

        Thread.sleep(300);

        assertThat(answer).isNotDone();
    }
}
