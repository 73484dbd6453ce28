package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newOrdersDataSource is isometric_orders: the orders of an organisation (GET
// /organisations/{id}/orders, default the authenticated one) or of a supplier (GET /suppliers/{id}/orders).
func newOrdersDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Order]{
		Name: "orders",
		Description: "Lists orders of credits: those placed by an organisation (`GET /organisations/{id}/orders`, " +
			"by default the organisation the access token acts as), or, with `supplier_id`, those placed with a supplier " +
			"(`GET /suppliers/{id}/orders`). Most recently placed first.",
		Arguments: map[string]dsschema.Attribute{
			"organisation_id": organisationIDArgument("orders (as the buyer)"),
			"supplier_id": optionalIDArgument("supplier", "spl_", "List the orders placed with this supplier (`spl_…`) instead of "+
				"an organisation's orders. Conflicts with `organisation_id`."),
		},
		ConfigValidators: []datasource.ConfigValidator{
			datasourcevalidator.Conflicting(path.MatchRoot("organisation_id"), path.MatchRoot("supplier_id")),
		},
		Records:     "orders",
		RecordsDesc: "The orders, most recently placed first.",
		Record:      orderAttrs,
		Flatten:     orderValue,
		Pages: func(r *dataSourceRead) pageFetcher[client.Order] {
			if supplierID := r.String("supplier_id"); supplierID != "" {
				return pagesOf(supplierID, r.Client.ListSupplierOrders)
			}
			orgID := r.OrganisationID("organisation_id")
			if orgID == "" {
				return nil
			}
			return pagesOf(orgID, r.Client.ListOrganisationOrders)
		},
	})
}
