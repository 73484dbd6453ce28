package client

import "context"

// SupplierStripeConfiguration mirrors the spec schema SupplierStripeConfiguration.
type SupplierStripeConfiguration struct {
	// Stripe account ID of the supplier's connected account
	AccountID string `json:"account_id"`
	// Price per tonne for carbon dioxide removal; set by the supplier. See `currency` field for the currency.
	CreditProductPricePerTonne *string `json:"credit_product_price_per_tonne"`
	// Currency used for this account (ISO 4217 code)
	Currency *string `json:"currency"`
	// ID is the `id` field.
	ID string `json:"id"`
	// URL to the Isometric terms and conditions
	IsometricTermsAndConditionsURL string `json:"isometric_terms_and_conditions_url"`
	// Price per tonne for verification; set by Isometric. See `currency` field for the currency.
	VerificationProductPricePerTonne *string `json:"verification_product_price_per_tonne"`
}

// CreateStripeCheckoutSessionRequest mirrors the spec schema CreateStripeCheckoutSessionRequest.
type CreateStripeCheckoutSessionRequest struct {
	// The URL to redirect customer to after a cancelled or failed payment
	CancelURL string `json:"cancel_url"`
	// The email of the customer to prefill the checkout session with. If not provided, the customer will be prompted to enter their email during checkout.
	CustomerEmail *string `json:"customer_email,omitempty"`
	// The frequency of the subscription
	Frequency StripeSubscriptionFrequency `json:"frequency"`
	// Whether the user has accepted the Isometric terms and conditions; the request will fail if this is not set to true
	IsometricTermsAndConditionsAccepted bool `json:"isometric_terms_and_conditions_accepted"`
	// The quantity of credits to purchase, in kilograms. This field can handle bigint values.
	QuantityKg int64 `json:"quantity_kg"`
	// The URL to redirect customer to after a successful payment
	SuccessURL string `json:"success_url"`
	// Whether the user has accepted the supplier terms and conditions; the request will fail if this is not set to true
	SupplierTermsAndConditionsAccepted bool `json:"supplier_terms_and_conditions_accepted"`
}

// StripeSubscriptionFrequency is the spec's StripeSubscriptionFrequency enum. Unknown values are kept as-is (the API may add values).
type StripeSubscriptionFrequency string

// Known values of StripeSubscriptionFrequency.
const (
	StripeSubscriptionFrequencyOneTime StripeSubscriptionFrequency = "one_time"
	StripeSubscriptionFrequencyMonthly StripeSubscriptionFrequency = "monthly"
	StripeSubscriptionFrequencyYearly  StripeSubscriptionFrequency = "yearly"
)

// StripeCheckoutResponse mirrors the spec schema StripeCheckoutResponse.
type StripeCheckoutResponse struct {
	// RedirectURL is the `redirect_url` field.
	RedirectURL string `json:"redirect_url"`
}

// GetStripeConfiguration returns the acting supplier's Stripe configuration (GET /stripe/configuration).
func (c *Client) GetStripeConfiguration(ctx context.Context) (*SupplierStripeConfiguration, error) {
	return get[SupplierStripeConfiguration](ctx, c.t, fixed("/stripe/configuration"), nil)
}

// CreateStripeCheckoutSession creates a Stripe checkout session to buy credits
// (POST /stripe/checkout). It is sent once (see the package's retry rules); an unknown outcome is
// an *OutcomeUnknownError.
func (c *Client) CreateStripeCheckoutSession(ctx context.Context, req CreateStripeCheckoutSessionRequest) (*StripeCheckoutResponse, error) {
	return post[StripeCheckoutResponse](ctx, c.t, "/stripe/checkout", req)
}
