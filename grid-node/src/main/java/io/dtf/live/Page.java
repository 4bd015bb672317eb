package io.dtf.live;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items  this page, at most {@code limit} long
 * @param total  how many match in all
 * @param offset how many matching items come before this page
 * @param limit  the most a page holds
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
