package client

import "context"

// Organisation mirrors the spec schema Organisation.
type Organisation struct {
	// Domain is the `domain` field.
	Domain *string `json:"domain"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Name is the `name` field.
	Name string `json:"name"`
}

// OrganisationCreditBalance mirrors the spec schema OrganisationCreditBalance.
type OrganisationCreditBalance struct {
	// OrderBalances is the `order_balances` field.
	OrderBalances []OrderCreditBalance `json:"order_balances"`
	// ProjectBalances is the `project_balances` field.
	ProjectBalances []ProjectCreditBalance `json:"project_balances"`
	// SupplierBalances is the `supplier_balances` field.
	SupplierBalances []SupplierCreditBalance `json:"supplier_balances"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

// CreditBalance mirrors the spec schema CreditBalance.
type CreditBalance struct {
	// ActiveCreditsTotal is the `active_credits_total` field.
	ActiveCreditsTotal CreditQuantity `json:"active_credits_total"`
	// RetiredCreditsTotal is the `retired_credits_total` field.
	RetiredCreditsTotal CreditQuantity `json:"retired_credits_total"`
}

// SupplierCreditBalance mirrors the spec schema SupplierCreditBalance.
type SupplierCreditBalance struct {
	// SupplierID is the `supplier_id` field.
	SupplierID string `json:"supplier_id"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

// ProjectCreditBalance mirrors the spec schema ProjectCreditBalance.
type ProjectCreditBalance struct {
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

// OrderCreditBalance mirrors the spec schema OrderCreditBalance.
type OrderCreditBalance struct {
	// OrderID is the `order_id` field.
	OrderID string `json:"order_id"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

// CurrentOrganisation returns the organisation the access token acts as (GET /organisation).
func (c *Client) CurrentOrganisation(ctx context.Context) (*Organisation, error) {
	return get[Organisation](ctx, c.t, fixed("/organisation"), nil)
}

// GetOrganisation returns an organisation by ID (GET /organisations/{id}). A null answer is ErrNotFound.
func (c *Client) GetOrganisation(ctx context.Context, id string) (*Organisation, error) {
	return getNullable[Organisation](ctx, c.t, withID("organisation", "/organisations/%s", id))
}

// GetOrganisationCreditBalance returns an organisation's credit balance, in total and per
// supplier, project and order (GET /organisations/{id}/credit_balance).
func (c *Client) GetOrganisationCreditBalance(ctx context.Context, id string) (*OrganisationCreditBalance, error) {
	return get[OrganisationCreditBalance](ctx, c.t, withID("organisation", "/organisations/%s/credit_balance", id), nil)
}

// ListOrganisationCreditBatches lists the credit batches an organisation holds, with the filters
// of opts (GET /organisations/{id}/credit_batches). opts may be nil.
func (c *Client) ListOrganisationCreditBatches(ctx context.Context, id string, opts *CreditBatchListOptions) (*Page[CreditBatch], error) {
	return get[Page[CreditBatch]](ctx, c.t, withID("organisation", "/organisations/%s/credit_batches", id), opts)
}

// ListOrganisationOrders lists an organisation's orders (GET /organisations/{id}/orders). opts may be nil.
func (c *Client) ListOrganisationOrders(ctx context.Context, id string, opts *ListOptions) (*Page[Order], error) {
	return get[Page[Order]](ctx, c.t, withID("organisation", "/organisations/%s/orders", id), opts)
}
