package client

import (
	"context"
	"net/url"
)

// CurrentOrganisation returns the organisation the access token acts as (GET /organisation).
func (c *Client) CurrentOrganisation(ctx context.Context) (*Organisation, error) {
	var out Organisation
	if err := c.get(ctx, "/organisation", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetOrganisation returns an organisation by ID (GET /organisations/{id}). A null answer is ErrNotFound.
func (c *Client) GetOrganisation(ctx context.Context, id string) (*Organisation, error) {
	if err := requireID("organisation", id); err != nil {
		return nil, err
	}
	var out Organisation
	if err := c.getNullable(ctx, "/organisations/"+url.PathEscape(id), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetOrganisationCreditBalance returns an organisation's credit balance, in total and per
// supplier, project and order (GET /organisations/{id}/credit_balance).
func (c *Client) GetOrganisationCreditBalance(ctx context.Context, id string) (*OrganisationCreditBalance, error) {
	if err := requireID("organisation", id); err != nil {
		return nil, err
	}
	var out OrganisationCreditBalance
	if err := c.get(ctx, "/organisations/"+url.PathEscape(id)+"/credit_balance", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListOrganisationCreditBatches lists the credit batches an organisation holds, with the filters
// of opts (GET /organisations/{id}/credit_batches). opts may be nil.
func (c *Client) ListOrganisationCreditBatches(ctx context.Context, id string, opts *CreditBatchListOptions) (*Page[CreditBatch], error) {
	if err := requireID("organisation", id); err != nil {
		return nil, err
	}
	var out Page[CreditBatch]
	if err := c.get(ctx, "/organisations/"+url.PathEscape(id)+"/credit_batches", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListOrganisationOrders lists an organisation's orders (GET /organisations/{id}/orders). opts may be nil.
func (c *Client) ListOrganisationOrders(ctx context.Context, id string, opts *ListOptions) (*Page[Order], error) {
	if err := requireID("organisation", id); err != nil {
		return nil, err
	}
	var out Page[Order]
	if err := c.get(ctx, "/organisations/"+url.PathEscape(id)+"/orders", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
