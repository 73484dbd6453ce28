package client

import (
	"context"
	"net/url"
)

// ListRetirements lists retirements with the filters of opts (GET /retirements). opts may be nil.
func (c *Client) ListRetirements(ctx context.Context, opts *RetirementListOptions) (*Page[Retirement], error) {
	var out Page[Retirement]
	if err := c.get(ctx, "/retirements", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateRetirement retires the given quantities of the given credit batches (POST /retirements).
// It is sent once (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateRetirement(ctx context.Context, req CreateRetirementByBatchRequest) (*Retirement, error) {
	if req.CreditBatchQuantities == nil {
		req.CreditBatchQuantities = []CreditBatchQuantity{}
	}
	if req.RetirementPurposes == nil {
		req.RetirementPurposes = []RetirementPurpose{}
	}
	var out Retirement
	if err := c.post(ctx, "/retirements", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateRetirementFromOldestCredits retires a quantity from the oldest active credits of a
// supplier, optionally of one vintage and/or order (POST /retirements/from_oldest_credits). It is
// sent once (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateRetirementFromOldestCredits(ctx context.Context, req CreateRetirementOldestCreditsRequest) (*Retirement, error) {
	if req.RetirementPurposes == nil {
		req.RetirementPurposes = []RetirementPurpose{}
	}
	var out Retirement
	if err := c.post(ctx, "/retirements/from_oldest_credits", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetRetirement returns a retirement by ID (GET /retirements/{id}).
func (c *Client) GetRetirement(ctx context.Context, id string) (*Retirement, error) {
	if err := requireID("retirement", id); err != nil {
		return nil, err
	}
	var out Retirement
	if err := c.get(ctx, "/retirements/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListRetirementCreditBatches lists the credit batches of a retirement (GET /retirements/{id}/credit_batches).
func (c *Client) ListRetirementCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	if err := requireID("retirement", id); err != nil {
		return nil, err
	}
	var out List[CreditBatch]
	if err := c.get(ctx, "/retirements/"+url.PathEscape(id)+"/credit_batches", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
