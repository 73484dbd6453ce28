package client

import "context"

// Transfer mirrors the spec schema Transfer.
type Transfer struct {
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// FromOrganisation is the `from_organisation` field.
	FromOrganisation Organisation `json:"from_organisation"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Notes is the `notes` field.
	Notes *string `json:"notes"`
	// ToOrganisation is the `to_organisation` field.
	ToOrganisation Organisation `json:"to_organisation"`
	// TransferredAt is the `transferred_at` field.
	TransferredAt string `json:"transferred_at"`
}

// CreateTransferRequest mirrors the spec schema CreateTransferRequest.
type CreateTransferRequest struct {
	// A list of credit batch IDs and kilogram amounts of each to transfer.
	CreditBatchQuantities []CreditBatchQuantity `json:"credit_batch_quantities"`
	// The ID of the organisation that is sending the credits. Typically this would be your own organisation ID.
	FromOrganisationID string `json:"from_organisation_id"`
	// A publicly visible note stored with the credit transfer.
	Notes *string `json:"notes"`
	// All credits in a transfer must originate from the same supplier.
	SupplierID string `json:"supplier_id"`
	// The ID of the organisation that will receive the credits.
	ToOrganisationID string `json:"to_organisation_id"`
}

// TransferListOptions are the filters of GET /transfers. Zero values are not sent; the page
// sizes are checked as in ListOptions.
type TransferListOptions struct {
	ListOptions
	// FromOrganisationID filters by sending organisation (from_organisation_id).
	FromOrganisationID string `url:"from_organisation_id,omitempty"`
	// ToOrganisationID filters by receiving organisation (to_organisation_id).
	ToOrganisationID string `url:"to_organisation_id,omitempty"`
}

// ListTransfers lists transfers with the filters of opts (GET /transfers). opts may be nil.
func (c *Client) ListTransfers(ctx context.Context, opts *TransferListOptions) (*Page[Transfer], error) {
	return get[Page[Transfer]](ctx, c.t, fixed("/transfers"), opts)
}

// CreateTransfer transfers credit batches to another organisation (POST /transfers). It is sent
// once (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateTransfer(ctx context.Context, req CreateTransferRequest) (*Transfer, error) {
	if req.CreditBatchQuantities == nil {
		req.CreditBatchQuantities = []CreditBatchQuantity{}
	}
	return post[Transfer](ctx, c.t, "/transfers", req)
}

// GetTransfer returns a transfer by ID (GET /transfers/{id}).
func (c *Client) GetTransfer(ctx context.Context, id string) (*Transfer, error) {
	return get[Transfer](ctx, c.t, withID("transfer", "/transfers/%s", id), nil)
}

// ListTransferCreditBatches lists the credit batches of a transfer (GET /transfers/{id}/credit_batches).
func (c *Client) ListTransferCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	return get[List[CreditBatch]](ctx, c.t, withID("transfer", "/transfers/%s/credit_batches", id), nil)
}
