package client

import "context"

// Retirement mirrors the spec schema Retirement.
type Retirement struct {
	// Beneficiary is the `beneficiary` field.
	Beneficiary Organisation `json:"beneficiary"`
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Notes is the `notes` field.
	Notes *string `json:"notes"`
	// Owner is the `owner` field.
	Owner Organisation `json:"owner"`
	// Purposes is the `purposes` field.
	Purposes []RetirementPurpose `json:"purposes"`
	// RetiredAt is the `retired_at` field.
	RetiredAt string `json:"retired_at"`
	// URL is the `url` field.
	URL string `json:"url"`
}

// RetirementPurpose is the spec's RetirementPurpose enum. Unknown values are kept as-is (the API may add values).
type RetirementPurpose string

// Known values of RetirementPurpose.
const (
	RetirementPurposeCorporateTargets          RetirementPurpose = "corporate_targets"
	RetirementPurposePublicEnvironmentalClaims RetirementPurpose = "public_environmental_claims"
	RetirementPurposeInsetting                 RetirementPurpose = "insetting"
	RetirementPurposeRegulatoryRequirement     RetirementPurpose = "regulatory_requirement"
	RetirementPurposeOther                     RetirementPurpose = "other"
)

// CreateRetirementByBatchRequest mirrors the spec schema CreateRetirementByBatchRequest.
type CreateRetirementByBatchRequest struct {
	// The ID of the organisation that the credits will be retired in the name of, this can be the same as `owner_organisation_id`.
	BeneficiaryOrganisationID string `json:"beneficiary_organisation_id"`
	// A list of credit batch IDs and kilogram amounts of each to retire.
	CreditBatchQuantities []CreditBatchQuantity `json:"credit_batch_quantities"`
	// A publicly visible note stored with the credit retirement.
	Notes *string `json:"notes"`
	// The ID of the organisation owns the credits to be retired. Typically this would be your own organisation ID.
	OwnerOrganisationID string `json:"owner_organisation_id"`
	// RetirementPurposes is the `retirement_purposes` field.
	RetirementPurposes []RetirementPurpose `json:"retirement_purposes"`
	// All credits in a retirement must originate from the same supplier.
	SupplierID string `json:"supplier_id"`
}

// CreateRetirementOldestCreditsRequest mirrors the spec schema CreateRetirementOldestCreditsRequest.
type CreateRetirementOldestCreditsRequest struct {
	// The ID of the organisation that the credits will be retired in the name of, this can be the same as `owner_organisation_id`.
	BeneficiaryOrganisationID string `json:"beneficiary_organisation_id"`
	// A representation of a credit quantity as an **integer kilogram amount**. Where **1 unit represents 0.001 credits** and 1 kilogram of CO₂e. This field can handle bigint values.
	CreditQuantityKg int64 `json:"credit_quantity_kg"`
	// A publicly visible note stored with the credit retirement.
	Notes *string `json:"notes"`
	// Filter to only retire credits from a specific order. If not provided, credits from any order will be considered.
	OrderID *string `json:"order_id,omitempty"`
	// The ID of the organisation owns the credits to be retired. Typically this would be your own organisation ID.
	OwnerOrganisationID string `json:"owner_organisation_id"`
	// RetirementPurposes is the `retirement_purposes` field.
	RetirementPurposes []RetirementPurpose `json:"retirement_purposes"`
	// All credits in a retirement must originate from the same supplier.
	SupplierID string `json:"supplier_id"`
	// The year of the credits to be retired. If not provided, the oldest credits will be retired.
	Vintage *int64 `json:"vintage,omitempty"`
}

// RetirementListOptions are the filters of GET /retirements. Zero values are not sent; the page
// sizes are checked as in ListOptions.
type RetirementListOptions struct {
	ListOptions
	// BeneficiaryOrgID filters by beneficiary organisation (beneficiary_org_id).
	BeneficiaryOrgID string `url:"beneficiary_org_id,omitempty"`
	// OwnerOrgID filters by owner organisation (owner_org_id).
	OwnerOrgID string `url:"owner_org_id,omitempty"`
}

// ListRetirements lists retirements with the filters of opts (GET /retirements). opts may be nil.
func (c *Client) ListRetirements(ctx context.Context, opts *RetirementListOptions) (*Page[Retirement], error) {
	return get[Page[Retirement]](ctx, c.t, fixed("/retirements"), opts)
}

// CreateRetirement retires the given quantities of the given credit batches (POST /retirements).
// It is sent once (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateRetirement(ctx context.Context, req CreateRetirementByBatchRequest) (*Retirement, error) {
	if req.CreditBatchQuantities == nil {
		req.CreditBatchQuantities = []CreditBatchQuantity{}
	}
	if req.RetirementPurposes == nil {
		req.RetirementPurposes = []RetirementPurpose{}
	}
	return post[Retirement](ctx, c.t, "/retirements", req)
}

// CreateRetirementFromOldestCredits retires a quantity from the oldest active credits of a
// supplier, optionally of one vintage and/or order (POST /retirements/from_oldest_credits). It is
// sent once (see the package's retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateRetirementFromOldestCredits(ctx context.Context, req CreateRetirementOldestCreditsRequest) (*Retirement, error) {
	if req.RetirementPurposes == nil {
		req.RetirementPurposes = []RetirementPurpose{}
	}
	return post[Retirement](ctx, c.t, "/retirements/from_oldest_credits", req)
}

// GetRetirement returns a retirement by ID (GET /retirements/{id}).
func (c *Client) GetRetirement(ctx context.Context, id string) (*Retirement, error) {
	return get[Retirement](ctx, c.t, withID("retirement", "/retirements/%s", id), nil)
}

// ListRetirementCreditBatches lists the credit batches of a retirement (GET /retirements/{id}/credit_batches).
func (c *Client) ListRetirementCreditBatches(ctx context.Context, id string) (*List[CreditBatch], error) {
	return get[List[CreditBatch]](ctx, c.t, withID("retirement", "/retirements/%s/credit_batches", id), nil)
}
