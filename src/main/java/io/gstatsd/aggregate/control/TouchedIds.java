package io.gstatsd.aggregate.control;

import java.util.Arrays;

/**
 * The ids written during one interval, in first-touch order, so a flush visits only those and not every
 * key ever seen. Single-threaded.
 */
final class TouchedIds {

    private boolean[] touched = new boolean[256];
    private int[] list = new int[256];
    private int size;

    /** @return true when the id was not yet touched in this interval */
    boolean touch(int id) {
        if (id >= touched.length) {
            touched = Arrays.copyOf(touched, Math.max(id + 1, touched.length * 2));
        }
        if (touched[id]) {
            return false;
        }
        touched[id] = true;
        if (size == list.length) {
            list = Arrays.copyOf(list, size * 2);
        }
        list[size++] = id;
        return true;
    }

    int size() {
        return size;
    }

    int get(int index) {
        return list[index];
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            touched[list[i]] = false;
        }
        size = 0;
    }
}
