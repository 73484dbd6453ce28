package client

import "context"

// GetStripeConfiguration returns the acting supplier's Stripe configuration (GET /stripe/configuration).
func (c *Client) GetStripeConfiguration(ctx context.Context) (*SupplierStripeConfiguration, error) {
	var out SupplierStripeConfiguration
	if err := c.get(ctx, "/stripe/configuration", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateStripeCheckoutSession creates a Stripe checkout session to buy credits
// (POST /stripe/checkout). It is sent once (see the package's retry rules); an unknown outcome is
// an *OutcomeUnknownError.
func (c *Client) CreateStripeCheckoutSession(ctx context.Context, req CreateStripeCheckoutSessionRequest) (*StripeCheckoutResponse, error) {
	var out StripeCheckoutResponse
	if err := c.post(ctx, "/stripe/checkout", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
