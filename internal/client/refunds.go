package client

import (
	"context"
	"net/url"
)

// GetRefund returns a buffer pool refund by ID (GET /refunds/{id}).
func (c *Client) GetRefund(ctx context.Context, id string) (*BufferPoolRefund, error) {
	if err := requireID("refund", id); err != nil {
		return nil, err
	}
	var out BufferPoolRefund
	if err := c.get(ctx, "/refunds/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListRefundCreditBatches lists the credit batches of a refund (GET /refunds/{id}/credit_batches).
func (c *Client) ListRefundCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	if err := requireID("refund", id); err != nil {
		return nil, err
	}
	var out List[CreditBatch]
	if err := c.get(ctx, "/refunds/"+url.PathEscape(id)+"/credit_batches", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
