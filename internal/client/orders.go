package client

import (
	"context"
	"net/url"
)

// GetOrder returns an order by ID (GET /orders/{id}).
func (c *Client) GetOrder(ctx context.Context, id string) (*Order, error) {
	if err := requireID("order", id); err != nil {
		return nil, err
	}
	var out Order
	if err := c.get(ctx, "/orders/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListOrderDeliveries lists the deliveries of an order (GET /orders/{id}/deliveries). opts may be nil.
func (c *Client) ListOrderDeliveries(ctx context.Context, id string, opts *ListOptions) (*Page[Delivery], error) {
	if err := requireID("order", id); err != nil {
		return nil, err
	}
	var out Page[Delivery]
	if err := c.get(ctx, "/orders/"+url.PathEscape(id)+"/deliveries", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
