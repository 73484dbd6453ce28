package client

import (
	"context"
	"net/url"
)

// GetCreditBatch returns a credit batch by ID (GET /credit_batches/{id}).
func (c *Client) GetCreditBatch(ctx context.Context, id string) (*CreditBatch, error) {
	if err := requireID("credit batch", id); err != nil {
		return nil, err
	}
	var out CreditBatch
	if err := c.get(ctx, "/credit_batches/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
