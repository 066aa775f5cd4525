package dev.stardust.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A binary min-heap of timers ordered by deadline, then by the order they were set. Each timer knows its index,
 * so cancelling is O(log n) with no search: a million timers cost a million small objects and nothing else.
 */
final class TimerQueue {
    private RealTimer[] heap = new RealTimer[64];
    private int size;
    private long nextSequence;

    int size() {
        return size;
    }

    @Nullable RealTimer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(RealTimer timer, long deadline) {
        timer.deadline = deadline;
        timer.sequence = nextSequence++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    void remove(RealTimer timer) {
        int index = timer.heapIndex;
        if (index < 0) {
            return;
        }
        size--;
        RealTimer last = heap[size];
        heap[size] = null;
        timer.heapIndex = -1;
        if (index != size) {
            heap[index] = last;
            last.heapIndex = index;
            siftDown(index);
            siftUp(last.heapIndex);
        }
        if (size == 0 && heap.length > 1024) {
            heap = new RealTimer[64];
        }
    }

    /** Empties the queue, returning what was in it. */
    RealTimer[] clear() {
        RealTimer[] all = Arrays.copyOf(heap, size);
        for (RealTimer t : all) {
            t.heapIndex = -1;
        }
        heap = new RealTimer[64];
        size = 0;
        return all;
    }

    private static boolean before(RealTimer a, RealTimer b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.sequence < b.sequence);
    }

    private void siftUp(int index) {
        RealTimer t = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            RealTimer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[index] = p;
            p.heapIndex = index;
            index = parent;
        }
        heap[index] = t;
        t.heapIndex = index;
    }

    private void siftDown(int index) {
        RealTimer t = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], t)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = t;
        t.heapIndex = index;
    }
}
