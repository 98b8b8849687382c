package io.thanosjvm.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelIoTest {

  @Test
  void concurrencyOneRunsTheTasksInOrderOnTheCallingThread() throws IOException {
    List<String> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    List<ParallelIo.IoTask> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      tasks.add(() -> {
        assertThat(Thread.currentThread()).isSameAs(caller);
        seen.add("t" + n);
      });
    }
    ParallelIo.runAll(tasks, 1);
    assertThat(seen).containsExactly("t0", "t1", "t2", "t3", "t4");
  }

  @Test
  void tasksRunWithUpToTheGivenNumberInFlight() throws IOException {
    // three tasks must meet at the barrier: only possible when three run at once
    CyclicBarrier barrier = new CyclicBarrier(3);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    List<ParallelIo.IoTask> tasks = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      tasks.add(() -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new IOException("tasks did not run three at a time", e);
        } finally {
          inFlight.decrementAndGet();
        }
      });
    }
    ParallelIo.runAll(tasks, 3);
    assertThat(maxInFlight.get()).isEqualTo(3);
  }

  @Test
  void theFirstFailureIsThrownAndNothingRunsAfterTheCallReturns() {
    AtomicBoolean returned = new AtomicBoolean();
    List<String> afterReturn = new CopyOnWriteArrayList<>();
    List<ParallelIo.IoTask> tasks = new ArrayList<>();
    tasks.add(() -> {
      throw new IOException("bucket says no");
    });
    for (int i = 0; i < 20; i++) {
      int n = i;
      tasks.add(() -> {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (returned.get()) {
          afterReturn.add("t" + n);
        }
      });
    }
    assertThatThrownBy(() -> ParallelIo.runAll(tasks, 4)).isInstanceOf(IOException.class)
        .hasMessage("bucket says no");
    returned.set(true);
    assertThat(afterReturn).isEmpty();
  }

  @Test
  void runtimeFailuresKeepTheirTypeAndConcurrencyMustBePositive() {
    List<ParallelIo.IoTask> tasks = List.of(() -> { }, () -> {
      throw new IllegalStateException("broken block");
    });
    assertThatThrownBy(() -> ParallelIo.runAll(tasks, 2)).isInstanceOf(IllegalStateException.class)
        .hasMessage("broken block");
    assertThatThrownBy(() -> ParallelIo.runAll(tasks, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
