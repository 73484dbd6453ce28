package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// MaxPageSize is the largest page the API serves (the maximum of `first`/`last`).
const MaxPageSize = 50

// ListOptions are the Relay-style pagination parameters of every paginated list. Zero values are
// not sent (the API then uses its defaults: first=10).
type ListOptions struct {
	// First is the number of items after After (1..50).
	First int
	// Last is the number of items before Before (1..50).
	Last int
	// After is an opaque cursor (a page's end_cursor).
	After string
	// Before is an opaque cursor (a page's start_cursor).
	Before string
}

// queryer is implemented by every options type.
type queryer interface {
	values() url.Values
}

// queryOf returns the query of q (nil-safe for typed nil pointers too).
func queryOf(q queryer) url.Values {
	if q == nil {
		return nil
	}
	return q.values()
}

func (o *ListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	o.addTo(v)
	return v
}

func (o ListOptions) addTo(v url.Values) {
	if o.First > 0 {
		v.Set("first", strconv.Itoa(o.First))
	}
	if o.Last > 0 {
		v.Set("last", strconv.Itoa(o.Last))
	}
	if o.After != "" {
		v.Set("after", o.After)
	}
	if o.Before != "" {
		v.Set("before", o.Before)
	}
}

func setIf(v url.Values, key, val string) {
	if val != "" {
		v.Set(key, val)
	}
}

// CreditBatchListOptions are the filters of GET /organisations/{id}/credit_batches.
type CreditBatchListOptions struct {
	ListOptions
	// SupplierID filters by supplier (supplier_id).
	SupplierID string
	// ProjectID filters by project (project_id).
	ProjectID string
	// IssuanceID filters by issuance (issuance_id).
	IssuanceID string
	// DeliveryID filters by delivery (delivery_id).
	DeliveryID string
	// OrderID filters by order (order_id).
	OrderID string
	// RetirementID filters by retirement (retirement_id).
	RetirementID string
	// Status filters by status; each value is sent as a repeated status= parameter.
	Status []CreditBatchStatus
	// IssuedAfter filters batches issued after this date-time (sent as given, e.g. RFC 3339).
	IssuedAfter string
	// IssuedBefore filters batches issued before this date-time (sent as given).
	IssuedBefore string
	// SortField is the sort field (sort_field; API default issued_at).
	SortField CreditBatchSortField
	// SortDirection is the sort direction (sort_direction; API default desc).
	SortDirection SortDirection
}

func (o *CreditBatchListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	o.addTo(v)
	setIf(v, "supplier_id", o.SupplierID)
	setIf(v, "project_id", o.ProjectID)
	setIf(v, "issuance_id", o.IssuanceID)
	setIf(v, "delivery_id", o.DeliveryID)
	setIf(v, "order_id", o.OrderID)
	setIf(v, "retirement_id", o.RetirementID)
	for _, s := range o.Status {
		if s != "" {
			v.Add("status", string(s))
		}
	}
	setIf(v, "issued_after", o.IssuedAfter)
	setIf(v, "issued_before", o.IssuedBefore)
	setIf(v, "sort_field", string(o.SortField))
	setIf(v, "sort_direction", string(o.SortDirection))
	return v
}

// DeliveryListOptions are the filters of GET /deliveries.
type DeliveryListOptions struct {
	ListOptions
	// FromSupplierID filters by delivering supplier (from_supplier_id).
	FromSupplierID string
	// ToOrganisationID filters by receiving organisation (to_organisation_id).
	ToOrganisationID string
}

func (o *DeliveryListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	o.addTo(v)
	setIf(v, "from_supplier_id", o.FromSupplierID)
	setIf(v, "to_organisation_id", o.ToOrganisationID)
	return v
}

// TransferListOptions are the filters of GET /transfers.
type TransferListOptions struct {
	ListOptions
	// FromOrganisationID filters by sending organisation (from_organisation_id).
	FromOrganisationID string
	// ToOrganisationID filters by receiving organisation (to_organisation_id).
	ToOrganisationID string
}

func (o *TransferListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	o.addTo(v)
	setIf(v, "from_organisation_id", o.FromOrganisationID)
	setIf(v, "to_organisation_id", o.ToOrganisationID)
	return v
}

// RetirementListOptions are the filters of GET /retirements.
type RetirementListOptions struct {
	ListOptions
	// BeneficiaryOrgID filters by beneficiary organisation (beneficiary_org_id).
	BeneficiaryOrgID string
	// OwnerOrgID filters by owner organisation (owner_org_id).
	OwnerOrgID string
}

func (o *RetirementListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	o.addTo(v)
	setIf(v, "beneficiary_org_id", o.BeneficiaryOrgID)
	setIf(v, "owner_org_id", o.OwnerOrgID)
	return v
}

// ErrPaginationLoop is returned by All when the API claims another page but gives no new cursor.
var ErrPaginationLoop = errors.New("pagination did not advance")

// All walks every page of a paginated list, MaxPageSize items at a time, following end_cursor
// while has_next_page. When limit > 0 it stops after limit records. fetch receives the
// pagination options to use (First and After); filter options are the caller's business:
//
//	batches, err := client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.CreditBatch], error) {
//		opts := filters // a CreditBatchListOptions
//		opts.ListOptions = o
//		return c.ListOrganisationCreditBatches(ctx, orgID, &opts)
//	}, 0)
func All[T any](ctx context.Context, fetch func(ctx context.Context, o ListOptions) (*Page[T], error), limit int) ([]T, error) {
	var out []T
	opts := ListOptions{First: MaxPageSize}
	seen := map[string]bool{}
	for {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		page, err := fetch(ctx, opts)
		if err != nil {
			return out, err
		}
		if page == nil {
			return out, nil
		}
		for _, n := range page.Nodes {
			out = append(out, n)
			if limit > 0 && len(out) >= limit {
				return out, nil
			}
		}
		if !page.PageInfo.HasNextPage {
			return out, nil
		}
		if page.PageInfo.EndCursor == nil || *page.PageInfo.EndCursor == "" || seen[*page.PageInfo.EndCursor] {
			return out, fmt.Errorf("%w: has_next_page is true but end_cursor is missing or repeated", ErrPaginationLoop)
		}
		seen[*page.PageInfo.EndCursor] = true
		opts = ListOptions{First: MaxPageSize, After: *page.PageInfo.EndCursor}
	}
}
