package client

import "context"

// BufferPoolRefund mirrors the spec schema BufferPoolRefund.
type BufferPoolRefund struct {
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// FromBufferPoolOrganisation is the `from_buffer_pool_organisation` field.
	FromBufferPoolOrganisation Organisation `json:"from_buffer_pool_organisation"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Notes is the `notes` field.
	Notes string `json:"notes"`
	// RefundedAt is the `refunded_at` field.
	RefundedAt string `json:"refunded_at"`
	// ToOrganisation is the `to_organisation` field.
	ToOrganisation Organisation `json:"to_organisation"`
}

// GetRefund returns a buffer pool refund by ID (GET /refunds/{id}).
func (c *Client) GetRefund(ctx context.Context, id string) (*BufferPoolRefund, error) {
	return get[BufferPoolRefund](ctx, c.t, withID("refund", "/refunds/%s", id), nil)
}

// ListRefundCreditBatches lists the credit batches of a refund (GET /refunds/{id}/credit_batches).
func (c *Client) ListRefundCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	return get[List[CreditBatch]](ctx, c.t, withID("refund", "/refunds/%s/credit_batches", id), nil)
}
