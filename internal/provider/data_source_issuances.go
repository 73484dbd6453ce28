package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newIssuancesDataSource is isometric_issuances: every issuance (GET /issuances), or one
// supplier's (GET /suppliers/{id}/issuances).
func newIssuancesDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Issuance]{
		Name: "issuances",
		Description: "Lists the issuances of the Isometric Registry, most recently issued first: all of them (`GET /issuances`), " +
			"or those of one supplier when `supplier_id` is set (`GET /suppliers/{id}/issuances`). " +
			"Use `isometric_issuance` for the credit batches of one issuance.",
		Arguments: map[string]dsschema.Attribute{
			"supplier_id": optionalIDArgument("supplier", "spl_", "Only the issuances of this supplier (`spl_…`). Default: every issuance."),
		},
		Records:     "issuances",
		RecordsDesc: "The issuances, in the registry's order.",
		Record:      issuanceAttrs,
		Flatten:     issuanceValue,
		Pages: func(r *dataSourceRead) pageFetcher[client.Issuance] {
			if supplierID := r.String("supplier_id"); supplierID != "" {
				return pagesOf(supplierID, r.Client.ListSupplierIssuances)
			}
			return pages(r.Client.ListIssuances)
		},
	})
}
