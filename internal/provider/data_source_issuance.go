package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// newIssuanceDataSource is isometric_issuance: one issuance by ID with its supplier and
// buffer-pool credit batches (GET /issuances/{id} and /issuances/{id}/credit_batches).
func newIssuanceDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "issuance",
		Description: "Reads one issuance by ID (`GET /issuances/{id}`) with its supplier, its totals and the credit batches " +
			"it created, divided between the supplier and the buffer pool (`GET /issuances/{id}/credit_batches`).",
		Arguments: map[string]dsschema.Attribute{
			"id": idArgument("issuance", "iss_", "Issuance ID (`iss_…`)."),
		},
		Results: append(append([]computedAttr{}, issuanceAttrs...), issuanceBatchesAttrs...),
		Read: func(r *dataSourceRead) map[string]attr.Value {
			id := r.String("id")
			iss := fetchByID(r, "issuance", id, r.Client.GetIssuance)
			if iss == nil {
				return nil
			}
			batches, err := r.Client.GetIssuanceCreditBatches(r.Ctx, id)
			if err != nil {
				r.ClientError(fmt.Sprintf("Cannot read the credit batches of issuance %q", id), err)
				return nil
			}
			values := issuanceValue(*iss).Attributes()
			for name, v := range issuanceBatchesValues(*batches) {
				values[name] = v
			}
			return values
		},
	})
}
