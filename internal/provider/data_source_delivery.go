package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newDeliveryDataSource is isometric_delivery (the data source; the resource of the same type
// name has its own Go names): one delivery and its credit batches.
func newDeliveryDataSource() datasource.DataSource {
	return transactionRecordDataSource(transactionRecordSpec[client.Delivery]{
		Name: "delivery",
		Description: "Reads one delivery of credits from a supplier to a buyer against an order (`GET /deliveries/{id}`), " +
			"with the credit batches it delivered (`GET /deliveries/{id}/credit_batches`). Reading never changes anything in the registry.",
		Kind: "delivery", Prefix: "dlv_", Collection: "deliveries",
		Attrs: deliveryAttrs, Flatten: deliveryValues,
		Get: (*client.Client).GetDelivery, Batches: (*client.Client).ListDeliveryCreditBatches,
	})
}
