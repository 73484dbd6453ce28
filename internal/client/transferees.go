package client

import "context"

// ListTransferees lists the organisations the acting organisation may transfer credits to
// (GET /transferees). opts may be nil.
func (c *Client) ListTransferees(ctx context.Context, opts *ListOptions) (*Page[Organisation], error) {
	return get[Page[Organisation]](ctx, c.t, fixed("/transferees"), opts)
}
