package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// newOrderDataSource is isometric_order: one order by ID (GET /orders/{id}).
func newOrderDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "order",
		Description: "Reads one order of credits placed by a buyer with a supplier (`GET /orders/{id}`): its status, the quantities " +
			"ordered, delivered and still to deliver, the buyer and the supplier. Use it to check how much of an order " +
			"remains before declaring an `isometric_delivery`.",
		Arguments: map[string]dsschema.Attribute{
			"id": idArgument("order", "ord_", "ID of the order to read (`ord_…`, 20 to 37 characters)."),
		},
		Results: orderAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			o := fetchByID(r, "order", r.String("id"), r.Client.GetOrder)
			if o == nil {
				return nil
			}
			return orderValues(*o)
		},
	})
}
