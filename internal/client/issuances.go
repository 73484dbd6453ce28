package client

import "context"

// Issuance mirrors the spec schema Issuance.
type Issuance struct {
	// BufferPoolCreditBatchSizeTotal is the `buffer_pool_credit_batch_size_total` field.
	BufferPoolCreditBatchSizeTotal CreditQuantity `json:"buffer_pool_credit_batch_size_total"`
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// ID is the `id` field.
	ID string `json:"id"`
	// IssuedAt is the `issued_at` field.
	IssuedAt string `json:"issued_at"`
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// End date of the reporting period (inclusive)
	ReportingPeriodEndAt string `json:"reporting_period_end_at"`
	// Start date of the reporting period (inclusive)
	ReportingPeriodStartAt string `json:"reporting_period_start_at"`
	// Supplier is the `supplier` field.
	Supplier Supplier `json:"supplier"`
	// SupplierCreditBatchSizeTotal is the `supplier_credit_batch_size_total` field.
	SupplierCreditBatchSizeTotal CreditQuantity `json:"supplier_credit_batch_size_total"`
}

// IssuanceCreditBatches mirrors the spec schema IssuanceCreditBatches.
type IssuanceCreditBatches struct {
	// BufferPoolCreditBatchSizeTotal is the `buffer_pool_credit_batch_size_total` field.
	BufferPoolCreditBatchSizeTotal CreditQuantity `json:"buffer_pool_credit_batch_size_total"`
	// BufferPoolCreditBatches is the `buffer_pool_credit_batches` field.
	BufferPoolCreditBatches []CreditBatch `json:"buffer_pool_credit_batches"`
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// IssuanceID is the `issuance_id` field.
	IssuanceID string `json:"issuance_id"`
	// SupplierCreditBatchSizeTotal is the `supplier_credit_batch_size_total` field.
	SupplierCreditBatchSizeTotal CreditQuantity `json:"supplier_credit_batch_size_total"`
	// SupplierCreditBatches is the `supplier_credit_batches` field.
	SupplierCreditBatches []CreditBatch `json:"supplier_credit_batches"`
}

// ListIssuances lists issuances (GET /issuances). opts may be nil.
func (c *Client) ListIssuances(ctx context.Context, opts *ListOptions) (*Page[Issuance], error) {
	return get[Page[Issuance]](ctx, c.t, fixed("/issuances"), opts)
}

// GetIssuance returns an issuance by ID (GET /issuances/{id}).
func (c *Client) GetIssuance(ctx context.Context, id string) (*Issuance, error) {
	return get[Issuance](ctx, c.t, withID("issuance", "/issuances/%s", id), nil)
}

// GetIssuanceCreditBatches returns the supplier and buffer-pool credit batches of an issuance
// (GET /issuances/{id}/credit_batches).
func (c *Client) GetIssuanceCreditBatches(ctx context.Context, id string) (*IssuanceCreditBatches, error) {
	return get[IssuanceCreditBatches](ctx, c.t, withID("issuance", "/issuances/%s/credit_batches", id), nil)
}
