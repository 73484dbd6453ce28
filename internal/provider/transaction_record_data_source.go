package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Shared declarations of the by-ID transaction data sources (isometric_delivery, _transfer,
// _retirement, _refund): one record (GET /{collection}/{id}) plus the full credit batches it
// involved (GET /{collection}/{id}/credit_batches). Built on newDataSource (data_source.go).

// transactionRecordSpec declares a by-ID transaction data source.
type transactionRecordSpec[T any] struct {
	// Name is the type name without the provider prefix, e.g. "retirement".
	Name string
	// Description is the data source's MarkdownDescription.
	Description string
	// Kind names the record in messages ("retirement"); Prefix is its ID prefix ("ret_").
	Kind, Prefix string
	// Collection is the API path segment, e.g. "retirements".
	Collection string
	// Attrs describes the record (without its credit batches); Flatten returns its values.
	Attrs   []computedAttr
	Flatten func(T) map[string]attr.Value
	// Get reads the record and Batches its credit batches, as client method expressions, e.g.
	// (*client.Client).GetRetirement and (*client.Client).ListRetirementCreditBatches.
	Get     func(c *client.Client, ctx context.Context, id string) (*T, error)
	Batches func(c *client.Client, ctx context.Context, id string) (*client.List[client.CreditBatch], error)
}

// transactionRecordDataSource builds the by-ID data source declared by s. An unknown ID is an error
// naming the ID and the environment/endpoint in use (fetchByID).
func transactionRecordDataSource[T any](s transactionRecordSpec[T]) datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name:        s.Name,
		Description: s.Description,
		Arguments: map[string]dsschema.Attribute{
			"id": idArgument(s.Kind, s.Prefix, fmt.Sprintf("ID of the %s to read (`%s…`, %d to %d characters).",
				s.Kind, s.Prefix, isometricIDMinLength, isometricIDMaxLength)),
		},
		Results: transactionRecordAttrs(s.Attrs, s.Collection),
		Read: func(r *dataSourceRead) map[string]attr.Value {
			id := r.String("id")
			rec := fetchByID(r, s.Kind, id, func(ctx context.Context, id string) (*T, error) { return s.Get(r.Client, ctx, id) })
			if rec == nil {
				return nil
			}
			batches := fetchByID(r, "the credit batches of "+s.Kind, id,
				func(ctx context.Context, id string) (*client.List[client.CreditBatch], error) {
					return s.Batches(r.Client, ctx, id)
				})
			if batches == nil {
				return nil
			}
			values := s.Flatten(*rec)
			values["credit_batches"] = creditBatchListValue(creditBatchAttrs, creditBatchValue, batches.Nodes)
			return values
		},
	})
}

// transactionRecordAttrs is a transaction's description plus its full credit batches, read from
// GET /{collection}/{id}/credit_batches.
func transactionRecordAttrs(attrs []computedAttr, collection string) []computedAttr {
	out := append([]computedAttr{}, attrs...)
	return append(out, computedAttr{
		Name: "credit_batches",
		List: creditBatchAttrs,
		Desc: fmt.Sprintf("Credit batches of the transaction as the registry reports them now (`GET /%s/{id}/credit_batches`): "+
			"their status, owner and beneficiary reflect later operations too.", collection),
	})
}

// quantityTotalAttr describes the `total` of a transaction list: the sum of the records read.
func quantityTotalAttr(verb string) computedAttr {
	return computedAttr{
		Name:   "total",
		Object: quantityAttrs,
		Desc:   "Total quantity " + verb + " by the records read (the sum of their `credit_batch_size_total`, exact in kg).",
	}
}

// quantityTotal is the `total` attribute of the sum of the records' quantities (int64 kg, no floats).
func quantityTotal(kg int64) map[string]attr.Value {
	return map[string]attr.Value{"total": quantityValue(client.CreditQuantity{CreditKgs: kg})}
}
