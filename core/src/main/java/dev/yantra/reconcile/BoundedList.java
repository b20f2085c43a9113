package dev.yantra.reconcile;

import java.util.ArrayList;
import java.util.List;

/** Keeps the first {@code max} items added and counts all of them. */
final class BoundedList<T> {
    private final int max;
    private final List<T> items = new ArrayList<>();
    private long count;

    BoundedList(int max) {
        this.max = max;
    }

    void add(T item) {
        count++;
        if (items.size() < max) {
            items.add(item);
        }
    }

    List<T> items() {
        return items;
    }

    long count() {
        return count;
    }
}
