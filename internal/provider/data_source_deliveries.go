package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newDeliveriesDataSource is isometric_deliveries: deliveries filtered by supplier and/or
// recipient (GET /deliveries), or the deliveries of one order (GET /orders/{id}/deliveries).
func newDeliveriesDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Delivery]{
		Name: "deliveries",
		Description: "Lists deliveries of credits, most recently delivered first: filtered by delivering supplier and/or " +
			"receiving organisation (`GET /deliveries`), or those of one order with `order_id` (`GET /orders/{id}/deliveries`). " +
			"`total` adds up the deliveries read.",
		Arguments: map[string]dsschema.Attribute{
			"from_supplier_id": optionalIDArgument("supplier", "spl_", "Only deliveries from this supplier (`spl_…`)."),
			"to_organisation_id": optionalIDArgument("organisation", "org_", "Only deliveries to this organisation (`org_…`), "+
				"the buyer of the order."),
			"order_id": optionalIDArgument("order", "ord_", "Only the deliveries of this order (`ord_…`). "+
				"Conflicts with `from_supplier_id` and `to_organisation_id` (an order has one supplier and one buyer)."),
		},
		ConfigValidators: []datasource.ConfigValidator{
			datasourcevalidator.Conflicting(path.MatchRoot("order_id"), path.MatchRoot("from_supplier_id")),
			datasourcevalidator.Conflicting(path.MatchRoot("order_id"), path.MatchRoot("to_organisation_id")),
		},
		Records:     "deliveries",
		RecordsDesc: "The deliveries, most recently delivered first.",
		Record:      deliveryAttrs,
		Flatten:     deliveryValue,
		Totals:      []computedAttr{quantityTotalAttr("delivered")},
		Kg:          func(d client.Delivery) int64 { return d.CreditBatchSizeTotal.CreditKgs },
		Total:       quantityTotal,
		Pages: func(r *dataSourceRead) pageFetcher[client.Delivery] {
			if orderID := r.String("order_id"); orderID != "" {
				return pagesOf(orderID, r.Client.ListOrderDeliveries)
			}
			filters := client.DeliveryListOptions{
				FromSupplierID:   r.String("from_supplier_id"),
				ToOrganisationID: r.String("to_organisation_id"),
			}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.Delivery], error) {
				opts := filters
				opts.ListOptions = o
				return r.Client.ListDeliveries(ctx, &opts)
			}
		},
	})
}
