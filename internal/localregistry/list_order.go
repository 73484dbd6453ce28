package localregistry

import (
	"slices"
	"sort"
	"time"
)

// The orders of the lists (README.md, "Lists and their order"), and small generic list helpers.

// newestFirst orders records by at, most recent first; on equal times the later-created record
// (later in the slice) comes first.
func newestFirst[T any](items []T, at func(T) time.Time) []T {
	out := slices.Clone(items)
	slices.Reverse(out)
	sort.SliceStable(out, func(a, b int) bool { return at(out[a]).After(at(out[b])) })
	return out
}

// sortOldestFirst orders batches by issued_at, then serial number (prefix, then range start), then
// ID: the order of oldest-first retirements and of an issuance's batches.
func (r *Registry) sortOldestFirst(bs []*SeedCreditBatch) {
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := bs[i], bs[j]
		ta, tb := r.batchIssuedAt(a), r.batchIssuedAt(b)
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		pa, sa, _, _ := parseSerial(a.SerialNumber)
		pb, sb, _, _ := parseSerial(b.SerialNumber)
		if pa != pb {
			return pa < pb
		}
		if sa != sb {
			return sa < sb
		}
		return a.ID < b.ID
	})
}

// filter keeps the items for which keep is true, in order; the result is never nil (JSON []
// rather than null).
func filter[T any](items []T, keep func(T) bool) []T {
	out := []T{}
	for _, x := range items {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// views converts items with view, in order; the result is never nil (JSON [] rather than null).
func views[T, V any](items []T, view func(T) V) []V {
	out := make([]V, 0, len(items))
	for _, x := range items {
		out = append(out, view(x))
	}
	return out
}
