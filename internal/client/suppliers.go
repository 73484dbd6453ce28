package client

import "context"

// Supplier mirrors the spec schema Supplier.
type Supplier struct {
	// ID is the `id` field.
	ID string `json:"id"`
	// Location is the `location` field.
	Location *Location `json:"location"`
	// LongDescription is the `long_description` field.
	LongDescription *string `json:"long_description"`
	// Organisation is the `organisation` field.
	Organisation Organisation `json:"organisation"`
	// ShortDescription is the `short_description` field.
	ShortDescription *string `json:"short_description"`
}

// CurrentSupplier returns the supplier of the organisation the access token acts as (GET /supplier).
func (c *Client) CurrentSupplier(ctx context.Context) (*Supplier, error) {
	return get[Supplier](ctx, c.t, fixed("/supplier"), nil)
}

// GetSupplier returns a supplier by ID (GET /suppliers/{id}). A null answer is ErrNotFound.
func (c *Client) GetSupplier(ctx context.Context, id string) (*Supplier, error) {
	return getNullable[Supplier](ctx, c.t, withID("supplier", "/suppliers/%s", id))
}

// ListSuppliers lists suppliers (GET /suppliers). opts may be nil.
func (c *Client) ListSuppliers(ctx context.Context, opts *ListOptions) (*Page[Supplier], error) {
	return get[Page[Supplier]](ctx, c.t, fixed("/suppliers"), opts)
}

// ListSupplierDeliveries lists a supplier's deliveries (GET /suppliers/{id}/deliveries). opts may be nil.
func (c *Client) ListSupplierDeliveries(ctx context.Context, id string, opts *ListOptions) (*Page[Delivery], error) {
	return get[Page[Delivery]](ctx, c.t, withID("supplier", "/suppliers/%s/deliveries", id), opts)
}

// ListSupplierIssuances lists a supplier's issuances (GET /suppliers/{id}/issuances). opts may be nil.
func (c *Client) ListSupplierIssuances(ctx context.Context, id string, opts *ListOptions) (*Page[Issuance], error) {
	return get[Page[Issuance]](ctx, c.t, withID("supplier", "/suppliers/%s/issuances", id), opts)
}

// ListSupplierOrders lists a supplier's orders (GET /suppliers/{id}/orders). opts may be nil.
func (c *Client) ListSupplierOrders(ctx context.Context, id string, opts *ListOptions) (*Page[Order], error) {
	return get[Page[Order]](ctx, c.t, withID("supplier", "/suppliers/%s/orders", id), opts)
}

// ListSupplierProjects lists a supplier's projects (GET /suppliers/{id}/projects). opts may be nil.
func (c *Client) ListSupplierProjects(ctx context.Context, id string, opts *ListOptions) (*Page[Project], error) {
	return get[Page[Project]](ctx, c.t, withID("supplier", "/suppliers/%s/projects", id), opts)
}
