package client

import (
	"context"
	"net/url"
)

// ListDeliveries lists deliveries with the filters of opts (GET /deliveries). opts may be nil.
func (c *Client) ListDeliveries(ctx context.Context, opts *DeliveryListOptions) (*Page[Delivery], error) {
	var out Page[Delivery]
	if err := c.get(ctx, "/deliveries", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateDelivery delivers credit batches to fulfil an order (POST /deliveries). It is sent once
// (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateDelivery(ctx context.Context, req CreateDeliveryRequest) (*Delivery, error) {
	if req.CreditBatchQuantities == nil {
		req.CreditBatchQuantities = []CreditBatchQuantity{}
	}
	var out Delivery
	if err := c.post(ctx, "/deliveries", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetDelivery returns a delivery by ID (GET /deliveries/{id}).
func (c *Client) GetDelivery(ctx context.Context, id string) (*Delivery, error) {
	if err := requireID("delivery", id); err != nil {
		return nil, err
	}
	var out Delivery
	if err := c.get(ctx, "/deliveries/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListDeliveryCreditBatches lists the credit batches of a delivery (GET /deliveries/{id}/credit_batches).
func (c *Client) ListDeliveryCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	if err := requireID("delivery", id); err != nil {
		return nil, err
	}
	var out List[CreditBatch]
	if err := c.get(ctx, "/deliveries/"+url.PathEscape(id)+"/credit_batches", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
