package client

import (
	"context"
	"net/url"
)

// CurrentSupplier returns the supplier of the organisation the access token acts as (GET /supplier).
func (c *Client) CurrentSupplier(ctx context.Context) (*Supplier, error) {
	var out Supplier
	if err := c.get(ctx, "/supplier", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetSupplier returns a supplier by ID (GET /suppliers/{id}). A null answer is ErrNotFound.
func (c *Client) GetSupplier(ctx context.Context, id string) (*Supplier, error) {
	if err := requireID("supplier", id); err != nil {
		return nil, err
	}
	var out Supplier
	if err := c.getNullable(ctx, "/suppliers/"+url.PathEscape(id), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSuppliers lists suppliers (GET /suppliers). opts may be nil.
func (c *Client) ListSuppliers(ctx context.Context, opts *ListOptions) (*Page[Supplier], error) {
	var out Page[Supplier]
	if err := c.get(ctx, "/suppliers", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSupplierDeliveries lists a supplier's deliveries (GET /suppliers/{id}/deliveries). opts may be nil.
func (c *Client) ListSupplierDeliveries(ctx context.Context, id string, opts *ListOptions) (*Page[Delivery], error) {
	if err := requireID("supplier", id); err != nil {
		return nil, err
	}
	var out Page[Delivery]
	if err := c.get(ctx, "/suppliers/"+url.PathEscape(id)+"/deliveries", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSupplierIssuances lists a supplier's issuances (GET /suppliers/{id}/issuances). opts may be nil.
func (c *Client) ListSupplierIssuances(ctx context.Context, id string, opts *ListOptions) (*Page[Issuance], error) {
	if err := requireID("supplier", id); err != nil {
		return nil, err
	}
	var out Page[Issuance]
	if err := c.get(ctx, "/suppliers/"+url.PathEscape(id)+"/issuances", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSupplierOrders lists a supplier's orders (GET /suppliers/{id}/orders). opts may be nil.
func (c *Client) ListSupplierOrders(ctx context.Context, id string, opts *ListOptions) (*Page[Order], error) {
	if err := requireID("supplier", id); err != nil {
		return nil, err
	}
	var out Page[Order]
	if err := c.get(ctx, "/suppliers/"+url.PathEscape(id)+"/orders", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSupplierProjects lists a supplier's projects (GET /suppliers/{id}/projects). opts may be nil.
func (c *Client) ListSupplierProjects(ctx context.Context, id string, opts *ListOptions) (*Page[Project], error) {
	if err := requireID("supplier", id); err != nil {
		return nil, err
	}
	var out Page[Project]
	if err := c.get(ctx, "/suppliers/"+url.PathEscape(id)+"/projects", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
