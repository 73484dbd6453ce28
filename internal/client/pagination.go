package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// MaxPageSize is the largest page the API serves (the maximum of `first`/`last`).
const MaxPageSize = 50

// PageInfo mirrors the spec schema PageInfo.
type PageInfo struct {
	// EndCursor is the `end_cursor` field.
	EndCursor *string `json:"end_cursor"`
	// HasNextPage is the `has_next_page` field.
	HasNextPage bool `json:"has_next_page"`
	// HasPreviousPage is the `has_previous_page` field.
	HasPreviousPage bool `json:"has_previous_page"`
	// StartCursor is the `start_cursor` field.
	StartCursor *string `json:"start_cursor"`
}

// Page mirrors the spec's PaginatedListResource_X_ schemas (Relay-style pagination).
type Page[T any] struct {
	// PageInfo is the `page_info` field.
	PageInfo PageInfo `json:"page_info"`
	// Nodes is the `nodes` field.
	Nodes []T `json:"nodes"`
	// TotalCount is the `total_count` field.
	TotalCount int64 `json:"total_count"`
}

// List mirrors the spec's unpaginated ListResource_X_ schemas.
type List[T any] struct {
	// Nodes is the `nodes` field.
	Nodes []T `json:"nodes"`
	// TotalCount is the `total_count` field.
	TotalCount int64 `json:"total_count"`
}

// ListOptions are the Relay-style pagination parameters of every paginated list. Zero values are
// not sent (the API then uses its defaults: first=10).
type ListOptions struct {
	// First is the number of items after After (1..50).
	First int `url:"first,omitempty"`
	// Last is the number of items before Before (1..50).
	Last int `url:"last,omitempty"`
	// After is an opaque cursor (a page's end_cursor).
	After string `url:"after,omitempty"`
	// Before is an opaque cursor (a page's start_cursor).
	Before string `url:"before,omitempty"`
}

// valid checks the page sizes against the spec's bounds, 1..MaxPageSize (0 leaves one unset).
// The list options that embed ListOptions without limits of their own use it as theirs.
func (o *ListOptions) valid() error {
	for _, size := range []struct {
		param string
		n     int
	}{{"first", o.First}, {"last", o.Last}} {
		if size.n < 0 || size.n > MaxPageSize {
			return fmt.Errorf("%w: %s must be between 1 and %d (0 leaves it unset), got %d", ErrInvalidOptions, size.param, MaxPageSize, size.n)
		}
	}
	return nil
}

// ErrInvalidOptions is returned, before any request, for list options outside their limits: for
// the Registry API the spec's (a page size outside 1..MaxPageSize, an enum value the spec does
// not list, a status given twice), for the ICR a negative limit or page.
var ErrInvalidOptions = errors.New("invalid options")

// checkEnum fails when v is none of the known values; param names the query parameter.
func checkEnum[T ~string](param string, v T, known []T) error {
	if slices.Contains(known, v) {
		return nil
	}
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = string(k)
	}
	return fmt.Errorf("%w: %s %q is not one of %s", ErrInvalidOptions, param, v, strings.Join(names, ", "))
}

// ErrPaginationLoop is returned by All and Each when the API claims another page but gives no new
// cursor.
var ErrPaginationLoop = errors.New("pagination did not advance")

// All walks every page of a paginated list, MaxPageSize items at a time, following end_cursor
// while has_next_page, and returns the records. When limit > 0 it stops after limit records. fetch
// receives the pagination options to use (First and After); filter options are the caller's
// business:
//
//	batches, err := client.All(ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[client.CreditBatch], error) {
//		opts := filters // a CreditBatchListOptions
//		opts.ListOptions = o
//		return c.ListOrganisationCreditBatches(ctx, orgID, &opts)
//	}, 0)
//
// On an error it returns the records read before it.
func All[T any](ctx context.Context, fetch func(ctx context.Context, o ListOptions) (*Page[T], error), limit int) ([]T, error) {
	var out []T
	err := Each(ctx, fetch, limit, func(rec T) error {
		out = append(out, rec)
		return nil
	})
	return out, err
}

// Each walks the pages like All and hands each record to visit, in the list's order, holding one
// page at a time: a list of any length is read in the memory of a page. An error from visit stops
// the walk and is returned as is.
func Each[T any](ctx context.Context, fetch func(ctx context.Context, o ListOptions) (*Page[T], error), limit int, visit func(T) error) error {
	opts := ListOptions{First: MaxPageSize}
	seen := map[string]bool{}
	visited := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := fetch(ctx, opts)
		if err != nil {
			return err
		}
		if page == nil {
			return nil
		}
		for _, n := range page.Nodes {
			if err := visit(n); err != nil {
				return err
			}
			visited++
			if limit > 0 && visited >= limit {
				return nil
			}
		}
		if !page.PageInfo.HasNextPage {
			return nil
		}
		if page.PageInfo.EndCursor == nil || *page.PageInfo.EndCursor == "" || seen[*page.PageInfo.EndCursor] {
			return fmt.Errorf("%w: has_next_page is true but end_cursor is missing or repeated", ErrPaginationLoop)
		}
		seen[*page.PageInfo.EndCursor] = true
		opts = ListOptions{First: MaxPageSize, After: *page.PageInfo.EndCursor}
	}
}
