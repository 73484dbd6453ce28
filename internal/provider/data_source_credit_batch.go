package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// newCreditBatchDataSource is isometric_credit_batch: one credit batch by ID (GET /credit_batches/{id}).
func newCreditBatchDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "credit_batch",
		Description: "Reads one credit batch by ID (`GET /credit_batches/{id}`): status, size, owner, serial number, " +
			"and for split batches the IDs of the parent and the two children.",
		Arguments: map[string]dsschema.Attribute{
			"id": idArgument("credit batch", "ctb_", "Credit batch ID (`ctb_…`)."),
		},
		Results: creditBatchAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			b := fetchByID(r, "credit batch", r.String("id"), r.Client.GetCreditBatch)
			if b == nil {
				return nil
			}
			return creditBatchValue(*b).Attributes()
		},
	})
}
