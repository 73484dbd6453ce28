package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newTransferDataSource is isometric_transfer (the data source; the resource of the same type
// name has its own Go names): one transfer and its credit batches.
func newTransferDataSource() datasource.DataSource {
	return transactionRecordDataSource(transactionRecordSpec[client.Transfer]{
		Name: "transfer",
		Description: "Reads one transfer of credits between two organisations (`GET /transfers/{id}`), with the credit batches " +
			"it moved (`GET /transfers/{id}/credit_batches`). Reading never changes anything in the registry.",
		Kind: "transfer", Prefix: "tfr_", Collection: "transfers",
		Attrs: transferAttrs, Flatten: transferValues,
		Get: (*client.Client).GetTransfer, Batches: (*client.Client).ListTransferCreditBatches,
	})
}
