package client

import "context"

// Delivery mirrors the spec schema Delivery.
type Delivery struct {
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// DeliveredAt is the `delivered_at` field.
	DeliveredAt string `json:"delivered_at"`
	// FromSupplier is the `from_supplier` field.
	FromSupplier Supplier `json:"from_supplier"`
	// ID is the `id` field.
	ID string `json:"id"`
	// A publicly visible note stored with the credit delivery.
	Notes *string `json:"notes"`
	// OrderID is the `order_id` field.
	OrderID string `json:"order_id"`
	// ToOrganisation is the `to_organisation` field.
	ToOrganisation Organisation `json:"to_organisation"`
	// URL is the `url` field.
	URL string `json:"url"`
}

// CreateDeliveryRequest mirrors the spec schema CreateDeliveryRequest.
type CreateDeliveryRequest struct {
	// A list of credit batch IDs and kilogram amounts of each to deliver.
	CreditBatchQuantities []CreditBatchQuantity `json:"credit_batch_quantities"`
	// A publicly visible note stored with the credit delivery.
	Notes *string `json:"notes"`
	// The ID of the order you wish to fulfil with the specified credit batch amounts.
	OrderID string `json:"order_id"`
}

// DeliveryListOptions are the filters of GET /deliveries. Zero values are not sent; the page
// sizes are checked as in ListOptions.
type DeliveryListOptions struct {
	ListOptions
	// FromSupplierID filters by delivering supplier (from_supplier_id).
	FromSupplierID string `url:"from_supplier_id,omitempty"`
	// ToOrganisationID filters by receiving organisation (to_organisation_id).
	ToOrganisationID string `url:"to_organisation_id,omitempty"`
}

// ListDeliveries lists deliveries with the filters of opts (GET /deliveries). opts may be nil.
func (c *Client) ListDeliveries(ctx context.Context, opts *DeliveryListOptions) (*Page[Delivery], error) {
	return get[Page[Delivery]](ctx, c.t, fixed("/deliveries"), opts)
}

// CreateDelivery delivers credit batches to fulfil an order (POST /deliveries). It is sent once
// (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateDelivery(ctx context.Context, req CreateDeliveryRequest) (*Delivery, error) {
	if req.CreditBatchQuantities == nil {
		req.CreditBatchQuantities = []CreditBatchQuantity{}
	}
	return post[Delivery](ctx, c.t, "/deliveries", req)
}

// GetDelivery returns a delivery by ID (GET /deliveries/{id}).
func (c *Client) GetDelivery(ctx context.Context, id string) (*Delivery, error) {
	return get[Delivery](ctx, c.t, withID("delivery", "/deliveries/%s", id), nil)
}

// ListDeliveryCreditBatches lists the credit batches of a delivery (GET /deliveries/{id}/credit_batches).
func (c *Client) ListDeliveryCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	return get[List[CreditBatch]](ctx, c.t, withID("delivery", "/deliveries/%s/credit_batches", id), nil)
}
