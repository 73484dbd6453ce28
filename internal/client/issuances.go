package client

import (
	"context"
	"net/url"
)

// ListIssuances lists issuances (GET /issuances). opts may be nil.
func (c *Client) ListIssuances(ctx context.Context, opts *ListOptions) (*Page[Issuance], error) {
	var out Page[Issuance]
	if err := c.get(ctx, "/issuances", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetIssuance returns an issuance by ID (GET /issuances/{id}).
func (c *Client) GetIssuance(ctx context.Context, id string) (*Issuance, error) {
	if err := requireID("issuance", id); err != nil {
		return nil, err
	}
	var out Issuance
	if err := c.get(ctx, "/issuances/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetIssuanceCreditBatches returns the supplier and buffer-pool credit batches of an issuance
// (GET /issuances/{id}/credit_batches).
func (c *Client) GetIssuanceCreditBatches(ctx context.Context, id string) (*IssuanceCreditBatches, error) {
	if err := requireID("issuance", id); err != nil {
		return nil, err
	}
	var out IssuanceCreditBatches
	if err := c.get(ctx, "/issuances/"+url.PathEscape(id)+"/credit_batches", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
