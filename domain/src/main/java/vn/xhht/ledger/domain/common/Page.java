package vn.xhht.ledger.domain.common;

import java.util.List;

/** One page of a list: the items and an opaque cursor for the next page ({@code null} on the last). */
public record Page<T>(List<T> items, String next) {
}
