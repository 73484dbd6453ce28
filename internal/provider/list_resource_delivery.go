package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listresourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newDeliveryListResource is the list resource isometric_delivery: the deliveries of
// GET /deliveries (by supplier and recipient) or of one order (GET /orders/{id}/deliveries), to
// adopt with terraform query.
func newDeliveryListResource() list.ListResource {
	return newListResource(listResourceSpec[client.Delivery]{
		Spec: &deliverySpec,
		Description: "Lists deliveries of credits, most recently delivered first, to bring them under Terraform: those made in the " +
			"registry's dashboard or by another tool, optionally only those from a supplier and/or to a receiving organisation " +
			"(`GET /deliveries`), or those of one order with `order_id` (`GET /orders/{id}/deliveries`).",
		Filters: map[string]listschema.Attribute{
			"from_supplier_id":   listIDFilter("supplier", "spl_", "Only deliveries from this supplier (`spl_…`), for example yours."),
			"to_organisation_id": listIDFilter("organisation", "org_", "Only deliveries to this organisation (`org_…`), the buyer of the order."),
			"order_id": listIDFilter("order", "ord_", "Only the deliveries of this order (`ord_…`). Conflicts with `from_supplier_id` and "+
				"`to_organisation_id` (an order has one supplier and one buyer)."),
		},
		ConfigValidators: []list.ConfigValidator{
			listresourcevalidator.Conflicting(path.MatchRoot("order_id"), path.MatchRoot("from_supplier_id")),
			listresourcevalidator.Conflicting(path.MatchRoot("order_id"), path.MatchRoot("to_organisation_id")),
		},
		Pages: func(pd *providerData, f map[string]string) pageFetcher[client.Delivery] {
			if order := f["order_id"]; order != "" {
				return pagesOf(order, pd.Client.ListOrderDeliveries)
			}
			filters := client.DeliveryListOptions{FromSupplierID: f["from_supplier_id"], ToOrganisationID: f["to_organisation_id"]}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.Delivery], error) {
				opts := filters
				opts.ListOptions = o
				return pd.Client.ListDeliveries(ctx, &opts)
			}
		},
		Identity: func(d client.Delivery) map[string]string { return map[string]string{identityIDAttr: d.ID} },
		DisplayName: func(d client.Delivery) string {
			return fmt.Sprintf("%s: %s t from %s to %s against order %s on %s", d.ID, tonnesString(d.CreditBatchSizeTotal.CreditKgs),
				d.FromSupplier.Organisation.Name, d.ToOrganisation.Name, d.OrderID, shortDate(d.DeliveredAt))
		},
		State: func(ctx context.Context, pd *providerData, d client.Delivery, state *tfsdk.Resource, diags *diag.Diagnostics) {
			var m deliveryModel
			diags.Append(state.Get(ctx, &m)...)
			batches, err := pd.Client.ListDeliveryCreditBatches(ctx, d.ID)
			if err != nil {
				pd.addClientError(diags, fmt.Sprintf("Cannot read the credit batches of delivery %s", d.ID), err)
			}
			if diags.HasError() {
				return
			}
			fillDelivery(&m, &d, batches.Nodes, true)
			diags.Append(state.Set(ctx, &m)...)
		},
	})
}
