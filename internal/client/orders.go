package client

import "context"

// Order mirrors the spec schema Order.
type Order struct {
	// BuyerOrganisation is the `buyer_organisation` field.
	BuyerOrganisation Organisation `json:"buyer_organisation"`
	// CreditsDelivered is the `credits_delivered` field.
	CreditsDelivered CreditQuantity `json:"credits_delivered"`
	// CreditsOrdered is the `credits_ordered` field.
	CreditsOrdered CreditQuantity `json:"credits_ordered"`
	// EffectiveContractDate is the `effective_contract_date` field.
	EffectiveContractDate string `json:"effective_contract_date"`
	// FulfilledAt is the `fulfilled_at` field.
	FulfilledAt *string `json:"fulfilled_at"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Status is the `status` field.
	Status OrderStatus `json:"status"`
	// Supplier is the `supplier` field.
	Supplier Supplier `json:"supplier"`
}

// OrderStatus is the spec's OrderStatus enum. Unknown values are kept as-is (the API may add values).
type OrderStatus string

// Known values of OrderStatus.
const (
	OrderStatusPlaced     OrderStatus = "placed"
	OrderStatusInProgress OrderStatus = "in_progress"
	OrderStatusCompleted  OrderStatus = "completed"
)

// GetOrder returns an order by ID (GET /orders/{id}).
func (c *Client) GetOrder(ctx context.Context, id string) (*Order, error) {
	return get[Order](ctx, c.t, withID("order", "/orders/%s", id), nil)
}

// ListOrderDeliveries lists the deliveries of an order (GET /orders/{id}/deliveries). opts may be nil.
func (c *Client) ListOrderDeliveries(ctx context.Context, id string, opts *ListOptions) (*Page[Delivery], error) {
	return get[Page[Delivery]](ctx, c.t, withID("order", "/orders/%s/deliveries", id), opts)
}
