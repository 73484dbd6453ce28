package localregistry

import (
	"slices"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// creditBatchFilter is the query of GET /organisations/{id}/credit_batches: the filters (their
// intersection) and the sort direction.
type creditBatchFilter struct {
	supplierID, projectID, issuanceID, deliveryID, orderID, retirementID string // "" = any

	statuses statusMask // default: active and retired

	issuedAfter, issuedBefore       time.Time // strict bounds on the issuance's issued_at
	hasIssuedAfter, hasIssuedBefore bool

	desc bool // sort_direction desc (the default): the whole oldest-first order reversed
}

var statusValues = []string{"active", "split", "retired"}

// creditBatchFilter reads the filter from the query; each problem adds one 422 entry to c.v.
func (c *rctx) creditBatchFilter() creditBatchFilter {
	f := creditBatchFilter{
		supplierID:   c.queryID("supplier_id"),
		projectID:    c.queryID("project_id"),
		issuanceID:   c.queryID("issuance_id"),
		deliveryID:   c.queryID("delivery_id"),
		orderID:      c.queryID("order_id"),
		retirementID: c.queryID("retirement_id"),
		statuses:     maskActive | maskRetired,
		desc:         true,
	}
	if vals := c.q["status"]; len(vals) > 0 {
		f.statuses = 0
		for i, s := range vals {
			if v, ok := checkEnum(&c.v, []any{"query", "status", i}, s, statusValues); ok {
				f.statuses |= 1 << statusIndex(client.CreditBatchStatus(v))
			}
		}
	}
	f.issuedAfter, f.hasIssuedAfter = c.queryTime("issued_after")
	f.issuedBefore, f.hasIssuedBefore = c.queryTime("issued_before")
	if s, ok := c.queryValue("sort_field"); ok {
		checkEnum(&c.v, []any{"query", "sort_field"}, s, []string{"issued_at"})
	}
	if s, ok := c.queryValue("sort_direction"); ok {
		if v, ok := checkEnum(&c.v, []any{"query", "sort_direction"}, s, []string{"asc", "desc"}); ok {
			f.desc = v == "desc"
		}
	}
	return f
}

// queryTime reads a datetime query parameter: RFC 3339 with an offset, or, as pydantic also
// accepts, a naive datetime (taken as UTC) or a bare date (midnight UTC).
func (c *rctx) queryTime(name string) (time.Time, bool) {
	s, ok := c.queryValue(name)
	if !ok {
		return time.Time{}, false
	}
	// An unescaped "+01:00" arrives as " 01:00".
	s = strings.Replace(s, " ", "+", 1)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	c.v.add([]any{"query", name}, "Input should be a valid datetime, invalid character in date or time", "datetime_from_date_parsing", s,
		map[string]any{"error": "invalid character in date or time"})
	return time.Time{}, false
}

// dimFilter is a filter on one dim: the batches whose value in it is value.
type dimFilter struct {
	dim   dim
	value string
}

// dimFilters are the filters of f on dims.
func (f creditBatchFilter) dimFilters() []dimFilter {
	var out []dimFilter
	for _, x := range []dimFilter{{dimSupplier, f.supplierID}, {dimProject, f.projectID}, {dimDelivery, f.deliveryID}, {dimOrder, f.orderID}} {
		if x.value != "" {
			out = append(out, x)
		}
	}
	return out
}

func batchID(b *SeedCreditBatch) string { return b.ID }

// creditBatches is the list of GET /organisations/{org}/credit_batches for f. With a retirement
// filter it is made of the retirement's batches. Otherwise, of the lists of the dims f filters on
// (all the organisation's batches when none), the shortest is walked in the range of issued_at the
// bounds (and the issuance's issued_at) leave: the list is ordered by issued_at first. The statuses
// are counted by the list's blocks; the other filters are checked batch by batch. Caller holds r.mu.
func (r *Registry) creditBatches(org string, f creditBatchFilter) seq[client.CreditBatch] {
	none := records[*SeedCreditBatch, client.CreditBatch]{id: batchID, view: r.batchView}
	o := r.listed[org]
	if o == nil {
		return none
	}
	if f.retirementID != "" {
		rt := r.retirements[f.retirementID]
		if rt == nil {
			return none
		}
		var out []*SeedCreditBatch
		for _, id := range rt.CreditBatchIDs {
			if b := r.batches[id]; b != nil && slices.Contains(r.listedFor(b), org) && r.matches(f, b, -1) {
				out = append(out, b)
			}
		}
		r.sortOldestFirst(out)
		if f.desc {
			slices.Reverse(out)
		}
		none.items = out
		return none
	}
	l := &o.all
	filters := f.dimFilters()
	walked := -1
	for i, x := range filters {
		dl := o.list(x.dim, x.value)
		if dl == nil {
			return none
		}
		if walked < 0 || dl.count(maskAll) < l.count(maskAll) {
			walked, l = i, dl
		}
	}
	lo, hi := listPos{}, l.end()
	after := func(t time.Time) listPos {
		return l.searchFunc(func(b *SeedCreditBatch) bool { return r.batchIssuedAt(b).After(t) })
	}
	notBefore := func(t time.Time) listPos {
		return l.searchFunc(func(b *SeedCreditBatch) bool { return !r.batchIssuedAt(b).Before(t) })
	}
	if f.hasIssuedAfter {
		lo = after(f.issuedAfter)
	}
	if f.hasIssuedBefore {
		hi = notBefore(f.issuedBefore)
	}
	if f.issuanceID != "" {
		is := r.issuances[f.issuanceID]
		if is == nil {
			return none
		}
		lo, hi = maxPos(lo, notBefore(is.IssuedAt)), minPos(hi, after(is.IssuedAt))
	}
	if !lo.before(hi) {
		return none
	}
	if len(filters) > 1 || f.issuanceID != "" {
		var out []*SeedCreditBatch
		l.each(lo, hi, f.statuses, 0, func(b *SeedCreditBatch) bool {
			if r.matches(f, b, walked) {
				out = append(out, b)
			}
			return true
		})
		if f.desc {
			slices.Reverse(out)
		}
		none.items = out
		return none
	}
	skip := l.countBefore(lo, f.statuses)
	return &batchSeq{r: r, l: l, lo: lo, hi: hi, m: f.statuses, skip: skip, n: l.countBefore(hi, f.statuses) - skip, desc: f.desc}
}

// matches reports whether b passes every filter of f but the dim filter number walked (-1: none),
// which the caller knows b passes. Caller holds r.mu.
func (r *Registry) matches(f creditBatchFilter, b *SeedCreditBatch, walked int) bool {
	for i, x := range f.dimFilters() {
		if i != walked && r.dimValue(b, x.dim) != x.value {
			return false
		}
	}
	is := r.issuances[b.IssuanceID]
	switch {
	case !f.statuses.has(b),
		f.issuanceID != "" && b.IssuanceID != f.issuanceID,
		f.retirementID != "" && deref(b.RetirementID) != f.retirementID,
		f.hasIssuedAfter && !is.IssuedAt.After(f.issuedAfter),
		f.hasIssuedBefore && !is.IssuedAt.Before(f.issuedBefore):
		return false
	}
	return true
}

func minPos(a, b listPos) listPos {
	if a.before(b) {
		return a
	}
	return b
}

func maxPos(a, b listPos) listPos {
	if a.before(b) {
		return b
	}
	return a
}

// batchSeq is the batches of a batchList with a status in m between the positions lo and hi,
// oldest first, or newest first when desc. skip is the number of them before lo, n between lo
// and hi.
type batchSeq struct {
	r       *Registry
	l       *batchList
	lo, hi  listPos
	m       statusMask
	skip, n int
	desc    bool
}

func (s *batchSeq) len() int { return s.n }

func (s *batchSeq) page(start, end int) ([]client.CreditBatch, []string) {
	if start >= end {
		return nil, nil
	}
	if s.desc {
		start, end = s.n-end, s.n-start
	}
	bs := make([]*SeedCreditBatch, 0, end-start)
	s.l.each(s.lo, s.hi, s.m, start, func(b *SeedCreditBatch) bool {
		bs = append(bs, b)
		return len(bs) < end-start
	})
	if s.desc {
		slices.Reverse(bs)
	}
	return views(bs, s.r.batchView), views(bs, batchID)
}

func (s *batchSeq) position(key string, _ int) (int, bool) {
	b := s.r.batches[key]
	if b == nil || !s.m.has(b) {
		return 0, false
	}
	p := s.l.search(s.r.key(b), s.r.key)
	if p.block == len(s.l.blocks) || s.l.blocks[p.block].items[p.off] != b || p.before(s.lo) || !p.before(s.hi) {
		return 0, false
	}
	i := s.l.countBefore(p, s.m) - s.skip
	if s.desc {
		i = s.n - 1 - i
	}
	return i, true
}
