package client

import (
	"context"
	"net/url"
)

// ListTransfers lists transfers with the filters of opts (GET /transfers). opts may be nil.
func (c *Client) ListTransfers(ctx context.Context, opts *TransferListOptions) (*Page[Transfer], error) {
	var out Page[Transfer]
	if err := c.get(ctx, "/transfers", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateTransfer transfers credit batches to another organisation (POST /transfers). It is sent
// once (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateTransfer(ctx context.Context, req CreateTransferRequest) (*Transfer, error) {
	if req.CreditBatchQuantities == nil {
		req.CreditBatchQuantities = []CreditBatchQuantity{}
	}
	var out Transfer
	if err := c.post(ctx, "/transfers", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetTransfer returns a transfer by ID (GET /transfers/{id}).
func (c *Client) GetTransfer(ctx context.Context, id string) (*Transfer, error) {
	if err := requireID("transfer", id); err != nil {
		return nil, err
	}
	var out Transfer
	if err := c.get(ctx, "/transfers/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListTransferCreditBatches lists the credit batches of a transfer (GET /transfers/{id}/credit_batches).
func (c *Client) ListTransferCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	if err := requireID("transfer", id); err != nil {
		return nil, err
	}
	var out List[CreditBatch]
	if err := c.get(ctx, "/transfers/"+url.PathEscape(id)+"/credit_batches", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
