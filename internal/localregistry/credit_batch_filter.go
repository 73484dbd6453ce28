package localregistry

import (
	"strings"
	"time"
)

// creditBatchFilter is the query of GET /organisations/{id}/credit_batches: the filters (their
// intersection) and the sort direction.
type creditBatchFilter struct {
	supplierID, projectID, issuanceID, deliveryID, orderID, retirementID string // "" = any

	statuses map[string]bool // default: active and retired

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
		statuses:     map[string]bool{"active": true, "retired": true},
		desc:         true,
	}
	if vals := c.q["status"]; len(vals) > 0 {
		f.statuses = map[string]bool{}
		for i, s := range vals {
			if v, ok := checkEnum(&c.v, []any{"query", "status", i}, s, statusValues); ok {
				f.statuses[v] = true
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

// matches reports whether batch b passes every filter of f. Caller holds r.mu.
func (r *Registry) matches(f creditBatchFilter, b *SeedCreditBatch) bool {
	is := r.issuances[b.IssuanceID]
	switch {
	case !f.statuses[string(b.Status)],
		f.supplierID != "" && is.SupplierID != f.supplierID,
		f.projectID != "" && is.ProjectID != f.projectID,
		f.issuanceID != "" && b.IssuanceID != f.issuanceID,
		f.deliveryID != "" && (b.DeliveryID == nil || *b.DeliveryID != f.deliveryID),
		f.orderID != "" && r.batchOrder(b) != f.orderID,
		f.retirementID != "" && (b.RetirementID == nil || *b.RetirementID != f.retirementID),
		f.hasIssuedAfter && !is.IssuedAt.After(f.issuedAfter),
		f.hasIssuedBefore && !is.IssuedAt.Before(f.issuedBefore):
		return false
	}
	return true
}
