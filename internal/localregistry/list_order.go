package localregistry

import (
	"slices"
	"strings"
	"time"
)

// The orders of the lists (README.md, "Lists and their order"), and small generic list helpers.

// newestFirst orders records by at, most recent first; on equal times the later-created record
// (later in the slice) comes first.
func newestFirst[T any](items []T, at func(T) time.Time) []T {
	out := slices.Clone(items)
	slices.Reverse(out)
	newer := func(a, b T) int { return at(b).Compare(at(a)) }
	if !slices.IsSortedFunc(out, newer) { // records are mostly created in time order
		slices.SortStableFunc(out, newer)
	}
	return out
}

// sortOldestFirst orders batches by issued_at, then serial number (prefix, then range start), then
// ID: the order of oldest-first retirements and of an issuance's batches.
func (r *Registry) sortOldestFirst(bs []*SeedCreditBatch) {
	slices.SortFunc(bs, func(a, b *SeedCreditBatch) int { return compareKeys(r.key(a), r.key(b)) })
}

// sortedLists are lists of records that never change after the start, kept in the order they are
// listed in.
type sortedLists struct {
	issuancesNewest   []*SeedIssuance            // GET /issuances
	supplierIssuances map[string][]*SeedIssuance // GET /suppliers/{id}/issuances, by supplier
	icrNewest         []*SeedICRRetirement       // the ICR lists
	icrByID           map[string]*SeedICRRetirement
}

// buildSortedLists orders the lists of sortedLists.
func (r *Registry) buildSortedLists() {
	s := &r.sortedLists
	s.issuancesNewest = newestFirst(r.st.Issuances, func(x *SeedIssuance) time.Time { return x.IssuedAt })
	s.supplierIssuances = map[string][]*SeedIssuance{}
	for _, x := range s.issuancesNewest {
		s.supplierIssuances[x.SupplierID] = append(s.supplierIssuances[x.SupplierID], x)
	}
	s.icrNewest, s.icrByID = []*SeedICRRetirement{}, map[string]*SeedICRRetirement{}
	if r.st.ICR != nil {
		// createdAt descending: RFC 3339 strings in UTC sort lexically.
		s.icrNewest = slices.Clone(r.st.ICR.Retirements)
		slices.Reverse(s.icrNewest)
		slices.SortStableFunc(s.icrNewest, func(a, b *SeedICRRetirement) int { return strings.Compare(b.CreatedAt, a.CreatedAt) })
		for _, x := range s.icrNewest {
			if s.icrByID[x.ID] == nil {
				s.icrByID[x.ID] = x
			}
		}
	}
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
