package provider

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// A list data source is a data source over a paginated registry list: listSpec[T] declares the
// filters, the description and flattener of one record, and the client call that fetches one
// page. The machinery adds the optional `limit` argument, walks every page at the maximum page
// size (client.Each, 50 per request), and stores the records in the registry's order plus
// `total_count`. Records are flattened and encoded page by page as they arrive (see
// dataSourceSpec.Records), so memory does not grow with Terraform values of the whole list.
//
// data_source_suppliers.go is a whole list data source in twelve lines.

// pageFetcher fetches one page of a paginated list with the given pagination options.
type pageFetcher[T any] func(ctx context.Context, o client.ListOptions) (*client.Page[T], error)

// pages adapts a client list method (r.Client.ListSuppliers, r.Client.ListProjects, ...) to a pageFetcher.
func pages[T any](list func(context.Context, *client.ListOptions) (*client.Page[T], error)) pageFetcher[T] {
	return func(ctx context.Context, o client.ListOptions) (*client.Page[T], error) { return list(ctx, &o) }
}

// pagesOf adapts a client list method about one object (r.Client.ListSupplierProjects(ctx, id,
// opts), ...) to a pageFetcher for the object id.
func pagesOf[T any](id string, list func(context.Context, string, *client.ListOptions) (*client.Page[T], error)) pageFetcher[T] {
	return func(ctx context.Context, o client.ListOptions) (*client.Page[T], error) { return list(ctx, id, &o) }
}

// listSpec declares a list data source over a paginated registry list (listDataSource).
type listSpec[T any] struct {
	// Name is the type name without the provider prefix, e.g. "suppliers".
	Name string
	// Description is the data source's MarkdownDescription; a sentence about paging and `limit`
	// is appended.
	Description string
	// Arguments are the filters (the machinery adds `limit`).
	Arguments map[string]dsschema.Attribute
	// ConfigValidators are optional checks across filters.
	ConfigValidators []datasource.ConfigValidator
	// Records names the list attribute holding the records, e.g. "suppliers"; RecordsDesc
	// describes it.
	Records, RecordsDesc string
	// Record describes one record; Flatten turns a record into an object of that shape.
	Record  []computedAttr
	Flatten func(T) types.Object
	// Pages returns the function that fetches one page for the configured filters; it may call
	// the API first (e.g. r.OrganisationID). It returns nil after reporting an error to r.Diags.
	Pages func(r *dataSourceRead) pageFetcher[T]
	// Totals optionally describes computed attributes derived from the sizes of all the records
	// read (for example total_kg): Kg is the size of one record in kg, Total the values of the
	// attributes for the sum.
	Totals []computedAttr
	Kg     func(T) int64
	Total  func(kg int64) map[string]attr.Value
}

// Attribute names the list machinery adds.
const (
	listLimitAttr      = "limit"
	listTotalCountAttr = "total_count"
)

// listDataSource builds the list data source declared by spec: it adds the optional `limit`
// argument and the `total_count` result, walks every page at the maximum page size with
// client.Each (stopping after `limit` records) and emits the records in the registry's order.
// An empty list is not an error.
func listDataSource[T any](spec listSpec[T]) datasource.DataSource {
	args := make(map[string]dsschema.Attribute, len(spec.Arguments)+1)
	for name, a := range spec.Arguments {
		args[name] = a
	}
	args[listLimitAttr] = dsschema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Maximum number of records to read, in the registry's order. " +
			"Default: every record (all pages are read).",
		Validators: []validator.Int64{int64RangeValidator(1, math.MaxInt64, "a number of records")},
	}
	results := append([]computedAttr{
		{Name: spec.Records, List: spec.Record, Desc: spec.RecordsDesc},
		{Name: listTotalCountAttr, Type: types.Int64Type, Desc: "Number of records the registry holds for these filters " +
			"(its `total_count`); larger than the number of records read when `limit` stops early."},
	}, spec.Totals...)

	return newDataSource(dataSourceSpec{
		Name: spec.Name,
		Description: strings.TrimSpace(spec.Description) + fmt.Sprintf(" The provider reads every page of the list (%d records per request); "+
			"set `limit` to read fewer.", client.MaxPageSize),
		Arguments:        args,
		ConfigValidators: spec.ConfigValidators,
		Results:          results,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			limit := r.Int64(listLimitAttr)
			fetch := spec.Pages(r)
			if fetch == nil || r.Diags.HasError() {
				return nil
			}
			var total, kg int64
			err := client.Each(r.Ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[T], error) {
				page, err := fetch(ctx, o)
				if page != nil {
					total = page.TotalCount
				}
				return page, err
			}, int(limit), func(rec T) error {
				if spec.Kg != nil {
					kg += spec.Kg(rec)
				}
				return r.Emit(spec.Flatten(rec))
			})
			if errors.Is(err, errRecordNotEncoded) {
				return nil
			}
			if err != nil {
				r.ClientError("Cannot list "+strings.ReplaceAll(spec.Records, "_", " "), err)
				return nil
			}
			values := map[string]attr.Value{listTotalCountAttr: types.Int64Value(total)}
			if spec.Total != nil {
				for name, v := range spec.Total(kg) {
					values[name] = v
				}
			}
			return values
		},
		Records: spec.Records,
	})
}
