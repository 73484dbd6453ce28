package client

import "context"

// ListTransferees lists the organisations the acting organisation may transfer credits to
// (GET /transferees). opts may be nil.
func (c *Client) ListTransferees(ctx context.Context, opts *ListOptions) (*Page[Organisation], error) {
	var out Page[Organisation]
	if err := c.get(ctx, "/transferees", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
