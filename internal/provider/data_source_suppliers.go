package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newSuppliersDataSource is isometric_suppliers: every supplier (GET /suppliers).
func newSuppliersDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Supplier]{
		Name:        "suppliers",
		Description: "Lists the suppliers of the Isometric Registry (`GET /suppliers`).",
		Records:     "suppliers",
		RecordsDesc: "The suppliers, in the registry's order.",
		Record:      supplierAttrs,
		Flatten:     func(s client.Supplier) types.Object { return supplierValue(&s) },
		Pages: func(r *dataSourceRead) pageFetcher[client.Supplier] {
			return pages(r.Client.ListSuppliers)
		},
	})
}
