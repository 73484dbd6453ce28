package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newRefundDataSource is isometric_refund: one buffer pool refund and its credit batches.
func newRefundDataSource() datasource.DataSource {
	return transactionRecordDataSource(transactionRecordSpec[client.BufferPoolRefund]{
		Name: "refund",
		Description: "Reads one buffer pool refund (`GET /refunds/{id}`): credits returned from a buffer pool organisation to an " +
			"organisation, with the refunded credit batches (`GET /refunds/{id}/credit_batches`).",
		Kind: "buffer pool refund", Prefix: "bpr_", Collection: "refunds",
		Attrs: refundAttrs, Flatten: refundValues,
		Get: (*client.Client).GetRefund, Batches: (*client.Client).ListRefundCreditBatches,
	})
}
