package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newSupplierDataSource is isometric_supplier: one supplier by ID, or the authenticated one.
func newSupplierDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "supplier",
		Description: "Reads one supplier of the Isometric Registry by `id` (`GET /suppliers/{id}`), or, when `id` is omitted, " +
			"the supplier the access token acts as (`GET /supplier`, which answers 403 for an organisation that is not a supplier).",
		Arguments: map[string]dsschema.Attribute{
			"id": defaultedIDArgument("supplier", "spl_", "Supplier ID (`spl_…`). Default: the supplier the access token acts as."),
		},
		Results: supplierAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			var s *client.Supplier
			if id := r.String("id"); id != "" {
				s = fetchByID(r, "supplier", id, r.Client.GetSupplier)
			} else if cur, err := r.Client.CurrentSupplier(r.Ctx); err != nil {
				r.ClientError("Cannot read the authenticated supplier", err)
			} else {
				s = cur
			}
			if s == nil {
				return nil
			}
			return supplierValue(s).Attributes()
		},
	})
}
