package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newRetirementDataSource is isometric_retirement (the data source; the resource of the same type
// name has its own Go names): one retirement and its credit batches.
func newRetirementDataSource() datasource.DataSource {
	return transactionRecordDataSource(transactionRecordSpec[client.Retirement]{
		Name: "retirement",
		Description: "Reads one retirement (`GET /retirements/{id}`): owner, beneficiary, purposes, total, certificate URL, " +
			"and the retired credit batches (`GET /retirements/{id}/credit_batches`). Use it to audit or reference a " +
			"retirement made elsewhere; reading never changes anything in the registry.",
		Kind: "retirement", Prefix: "ret_", Collection: "retirements",
		Attrs: retirementAttrs, Flatten: retirementValues,
		Get: (*client.Client).GetRetirement, Batches: (*client.Client).ListRetirementCreditBatches,
	})
}
