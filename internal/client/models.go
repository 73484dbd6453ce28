// Code generated from api/isometric-registry-openapi.json by hand-run script; edit freely, but keep names aligned with the spec.

package client

import (
	"encoding/json"
)

// BufferPoolRefund mirrors the spec schema BufferPoolRefund.
type BufferPoolRefund struct {
	CreditBatchSizeTotal       CreditQuantity `json:"credit_batch_size_total"`
	FromBufferPoolOrganisation Organisation   `json:"from_buffer_pool_organisation"`
	ID                         string         `json:"id"`
	Notes                      string         `json:"notes"`
	RefundedAt                 string         `json:"refunded_at"`
	ToOrganisation             Organisation   `json:"to_organisation"`
}

// CarbonRemovalData mirrors the spec schema CarbonRemovalData.
type CarbonRemovalData struct {
	CounterfactualsKg    int64 `json:"counterfactuals_kg"`
	EmissionsKg          int64 `json:"emissions_kg"`
	GrossCarbonRemovedKg int64 `json:"gross_carbon_removed_kg"`
	LossesKg             int64 `json:"losses_kg"`
	NetCarbonRemovedKg   int64 `json:"net_carbon_removed_kg"`
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

// CreateRetirementByBatchRequest mirrors the spec schema CreateRetirementByBatchRequest.
type CreateRetirementByBatchRequest struct {
	// The ID of the organisation that the credits will be retired in the name of, this can be the same as `owner_organisation_id`.
	BeneficiaryOrganisationID string `json:"beneficiary_organisation_id"`
	// A list of credit batch IDs and kilogram amounts of each to retire.
	CreditBatchQuantities []CreditBatchQuantity `json:"credit_batch_quantities"`
	// A publicly visible note stored with the credit retirement.
	Notes *string `json:"notes"`
	// The ID of the organisation owns the credits to be retired. Typically this would be your own organisation ID.
	OwnerOrganisationID string              `json:"owner_organisation_id"`
	RetirementPurposes  []RetirementPurpose `json:"retirement_purposes"`
	// All credits in a retirement must originate from the same supplier.
	SupplierID string `json:"supplier_id"`
}

// CreateRetirementOldestCreditsRequest mirrors the spec schema CreateRetirementOldestCreditsRequest.
type CreateRetirementOldestCreditsRequest struct {
	// The ID of the organisation that the credits will be retired in the name of, this can be the same as `owner_organisation_id`.
	BeneficiaryOrganisationID string `json:"beneficiary_organisation_id"`
	// A representation of a credit quantity as an **integer kilogram amount**. Where **1 unit represents 0.001 credits** and 1 kilogram of CO₂e. This field can handle
	CreditQuantityKg int64 `json:"credit_quantity_kg"`
	// A publicly visible note stored with the credit retirement.
	Notes *string `json:"notes"`
	// Filter to only retire credits from a specific order. If not provided, credits from any order will be considered.
	OrderID *string `json:"order_id,omitempty"`
	// The ID of the organisation owns the credits to be retired. Typically this would be your own organisation ID.
	OwnerOrganisationID string              `json:"owner_organisation_id"`
	RetirementPurposes  []RetirementPurpose `json:"retirement_purposes"`
	// All credits in a retirement must originate from the same supplier.
	SupplierID string `json:"supplier_id"`
	// The year of the credits to be retired. If not provided, the oldest credits will be retired.
	Vintage *int64 `json:"vintage,omitempty"`
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

// CreateTransferRequest mirrors the spec schema CreateTransferRequest.
type CreateTransferRequest struct {
	// A list of credit batch IDs and kilogram amounts of each to transfer.
	CreditBatchQuantities []CreditBatchQuantity `json:"credit_batch_quantities"`
	// The ID of the organisation that is sending the credits. Typically this would be your own organisation ID.
	FromOrganisationID string `json:"from_organisation_id"`
	// A publicly visible note stored with the credit transfer.
	Notes *string `json:"notes"`
	// All credits in a transfer must originate from the same supplier.
	SupplierID string `json:"supplier_id"`
	// The ID of the organisation that will receive the credits.
	ToOrganisationID string `json:"to_organisation_id"`
}

// CreditBalance mirrors the spec schema CreditBalance.
type CreditBalance struct {
	ActiveCreditsTotal  CreditQuantity `json:"active_credits_total"`
	RetiredCreditsTotal CreditQuantity `json:"retired_credits_total"`
}

// CreditBatch mirrors the spec schema CreditBatch.
type CreditBatch struct {
	Beneficiary *Organisation `json:"beneficiary"`
	// Carbon removal data for this credit batch
	CarbonRemovalData *CarbonRemovalData `json:"carbon_removal_data"`
	// Whether this credit batch has been issued as part of a ICVCM Core Carbon Principles (CCP) approved project
	CCPApproved    bool    `json:"ccp_approved"`
	CountryOfIssue string  `json:"country_of_issue"`
	DeliveredAt    *string `json:"delivered_at"`
	DeliveryID     *string `json:"delivery_id"`
	ID             string  `json:"id"`
	IssuanceID     string  `json:"issuance_id"`
	IssuedAt       string  `json:"issued_at"`
	// If this credit batch has status `SPLIT`, it will have two child batches representing the two halves of this split.
	LeftChildID *string      `json:"left_child_id"`
	Owner       Organisation `json:"owner"`
	// If this credit batch was created from splitting a larger batch in two, this will be set to the id of the parent credit batch.
	ParentID     *string `json:"parent_id"`
	ProjectID    string  `json:"project_id"`
	RemovalID    string  `json:"removal_id"`
	RetiredAt    *string `json:"retired_at"`
	RetirementID *string `json:"retirement_id"`
	// If this credit batch has status `SPLIT`, it will have two child batches representing the two halves of this split.
	RightChildID  *string           `json:"right_child_id"`
	SequesteredOn string            `json:"sequestered_on"`
	SerialNumber  string            `json:"serial_number"`
	Size          CreditQuantity    `json:"size"`
	Status        CreditBatchStatus `json:"status"`
	SupplierID    string            `json:"supplier_id"`
}

// CreditBatchQuantity mirrors the spec schema CreditBatchQuantity.
type CreditBatchQuantity struct {
	CreditBatchID string `json:"credit_batch_id"`
	// A representation of a credit quantity as an **integer kilogram amount**. Where **1 unit represents 0.001 credits** and 1 kilogram of CO₂e. This field can handle
	CreditQuantityKg int64 `json:"credit_quantity_kg"`
}

// CreditBatchSortField is the spec's CreditBatchSortField enum. Unknown values are kept as-is (the API may add values).
type CreditBatchSortField string

const (
	CreditBatchSortFieldIssuedAt CreditBatchSortField = "issued_at"
)

// CreditBatchStatus is the spec's CreditBatchStatus enum. Unknown values are kept as-is (the API may add values).
type CreditBatchStatus string

const (
	CreditBatchStatusActive  CreditBatchStatus = "active"
	CreditBatchStatusSplit   CreditBatchStatus = "split"
	CreditBatchStatusRetired CreditBatchStatus = "retired"
)

// CreditQuantity mirrors the spec schema CreditQuantity.
type CreditQuantity struct {
	// A representation of the credit quantity as an integer kilogram amount. Where 1 unit represents 0.001 credits and 1 kilogram of CO₂e. This field can handle bigin
	CreditKgs int64 `json:"credit_kgs"`
	// A representation of the credit quantity as a fractional amount, to 3 decimal places. Where 1 unit represents 1 credit and 1 ton of CO₂e.
	Credits json.Number `json:"credits"`
}

// Delivery mirrors the spec schema Delivery.
type Delivery struct {
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	DeliveredAt          string         `json:"delivered_at"`
	FromSupplier         Supplier       `json:"from_supplier"`
	ID                   string         `json:"id"`
	// A publicly visible note stored with the credit delivery.
	Notes          *string      `json:"notes"`
	OrderID        string       `json:"order_id"`
	ToOrganisation Organisation `json:"to_organisation"`
	URL            string       `json:"url"`
}

// Issuance mirrors the spec schema Issuance.
type Issuance struct {
	BufferPoolCreditBatchSizeTotal CreditQuantity `json:"buffer_pool_credit_batch_size_total"`
	CreditBatchSizeTotal           CreditQuantity `json:"credit_batch_size_total"`
	ID                             string         `json:"id"`
	IssuedAt                       string         `json:"issued_at"`
	ProjectID                      string         `json:"project_id"`
	// End date of the reporting period (inclusive)
	ReportingPeriodEndAt string `json:"reporting_period_end_at"`
	// Start date of the reporting period (inclusive)
	ReportingPeriodStartAt       string         `json:"reporting_period_start_at"`
	Supplier                     Supplier       `json:"supplier"`
	SupplierCreditBatchSizeTotal CreditQuantity `json:"supplier_credit_batch_size_total"`
}

// IssuanceCreditBatches mirrors the spec schema IssuanceCreditBatches.
type IssuanceCreditBatches struct {
	BufferPoolCreditBatchSizeTotal CreditQuantity `json:"buffer_pool_credit_batch_size_total"`
	BufferPoolCreditBatches        []CreditBatch  `json:"buffer_pool_credit_batches"`
	CreditBatchSizeTotal           CreditQuantity `json:"credit_batch_size_total"`
	IssuanceID                     string         `json:"issuance_id"`
	SupplierCreditBatchSizeTotal   CreditQuantity `json:"supplier_credit_batch_size_total"`
	SupplierCreditBatches          []CreditBatch  `json:"supplier_credit_batches"`
}

// Location mirrors the spec schema Location.
type Location struct {
	CountryCode string      `json:"country_code"`
	CountryName string      `json:"country_name"`
	Description *string     `json:"description,omitempty"`
	Latitude    json.Number `json:"latitude"`
	Longitude   json.Number `json:"longitude"`
}

// Order mirrors the spec schema Order.
type Order struct {
	BuyerOrganisation     Organisation   `json:"buyer_organisation"`
	CreditsDelivered      CreditQuantity `json:"credits_delivered"`
	CreditsOrdered        CreditQuantity `json:"credits_ordered"`
	EffectiveContractDate string         `json:"effective_contract_date"`
	FulfilledAt           *string        `json:"fulfilled_at"`
	ID                    string         `json:"id"`
	Status                OrderStatus    `json:"status"`
	Supplier              Supplier       `json:"supplier"`
}

// OrderCreditBalance mirrors the spec schema OrderCreditBalance.
type OrderCreditBalance struct {
	OrderID string        `json:"order_id"`
	Total   CreditBalance `json:"total"`
}

// OrderStatus is the spec's OrderStatus enum. Unknown values are kept as-is (the API may add values).
type OrderStatus string

const (
	OrderStatusPlaced     OrderStatus = "placed"
	OrderStatusInProgress OrderStatus = "in_progress"
	OrderStatusCompleted  OrderStatus = "completed"
)

// Organisation mirrors the spec schema Organisation.
type Organisation struct {
	Domain *string `json:"domain"`
	ID     string  `json:"id"`
	Name   string  `json:"name"`
}

// OrganisationCreditBalance mirrors the spec schema OrganisationCreditBalance.
type OrganisationCreditBalance struct {
	OrderBalances    []OrderCreditBalance    `json:"order_balances"`
	ProjectBalances  []ProjectCreditBalance  `json:"project_balances"`
	SupplierBalances []SupplierCreditBalance `json:"supplier_balances"`
	Total            CreditBalance           `json:"total"`
}

// PageInfo mirrors the spec schema PageInfo.
type PageInfo struct {
	EndCursor       *string `json:"end_cursor"`
	HasNextPage     bool    `json:"has_next_page"`
	HasPreviousPage bool    `json:"has_previous_page"`
	StartCursor     *string `json:"start_cursor"`
}

// Pathway is the spec's Pathway enum. Unknown values are kept as-is (the API may add values).
type Pathway string

const (
	PathwayBiomassCarbonRemovalAndStorage Pathway = "biomass_carbon_removal_and_storage"
	PathwayDirectAirCapture               Pathway = "direct_air_capture"
	PathwayEnhancedWeathering             Pathway = "enhanced_weathering"
	PathwayCarbonMineralization           Pathway = "carbon_mineralization"
	PathwayReforestation                  Pathway = "reforestation"
	PathwayMarine                         Pathway = "marine"
	PathwaySuperpollutants                Pathway = "superpollutants"
)

// Project mirrors the spec schema Project.
type Project struct {
	// A three letter ISO 3166-1 alpha-3 code representing a country
	CountryCode          string  `json:"country_code"`
	CreditingPeriodEnd   *string `json:"crediting_period_end"`
	CreditingPeriodStart *string `json:"crediting_period_start"`
	// The name of the organization currently responsible for verifying this project, if assigned
	CurrentVerifierName *string `json:"current_verifier_name"`
	ID                  string  `json:"id"`
	// The total number of credits from this project that have been allocated to the supplier's buffer pool
	IssuedBufferPoolCreditsTotal CreditQuantity `json:"issued_buffer_pool_credits_total"`
	// The total number of credits Isometric has issued to this project, including those allocated to the buffer pool
	IssuedCreditsTotal CreditQuantity `json:"issued_credits_total"`
	Location           *Location      `json:"location"`
	Name               string         `json:"name"`
	// The pathway this project is following
	Pathway Pathway `json:"pathway"`
	// The carbon removal process used in this project
	ProcessKey string `json:"process_key"`
	// The slug of the protocol this project is following
	ProtocolSlug string `json:"protocol_slug"`
	// The total number of credits from this project that have been retired from the supplier's buffer pool
	RetiredBufferPoolCreditsTotal CreditQuantity `json:"retired_buffer_pool_credits_total"`
	// The total number of credits from this project that have been retired, including those allocated to the buffer pool
	RetiredCreditsTotal CreditQuantity `json:"retired_credits_total"`
	// A random short code, uniquely identifying the project
	ShortCode string `json:"short_code"`
	// The project status
	Status   ProjectStatus `json:"status"`
	Supplier Supplier      `json:"supplier"`
	// The url to the Isometric page for this project
	URL string `json:"url"`
	// The name of the organization responsible for validating this project, if assigned
	ValidatorName *string `json:"validator_name"`
}

// ProjectCreditBalance mirrors the spec schema ProjectCreditBalance.
type ProjectCreditBalance struct {
	ProjectID string        `json:"project_id"`
	Total     CreditBalance `json:"total"`
}

// ProjectDocument mirrors the spec schema ProjectDocument.
type ProjectDocument struct {
	DisplayName string `json:"display_name"`
	ID          string `json:"id"`
	ProjectID   string `json:"project_id"`
	URL         string `json:"url"`
}

// ProjectStatus is the spec's ProjectStatus enum. Unknown values are kept as-is (the API may add values).
type ProjectStatus string

const (
	ProjectStatusDraft                  ProjectStatus = "draft"
	ProjectStatusPreview                ProjectStatus = "preview"
	ProjectStatusUnderValidation        ProjectStatus = "under_validation"
	ProjectStatusValidated              ProjectStatus = "validated"
	ProjectStatusValidationUnsuccessful ProjectStatus = "validation_unsuccessful"
	ProjectStatusCancelled              ProjectStatus = "cancelled"
)

// Retirement mirrors the spec schema Retirement.
type Retirement struct {
	Beneficiary          Organisation        `json:"beneficiary"`
	CreditBatchSizeTotal CreditQuantity      `json:"credit_batch_size_total"`
	ID                   string              `json:"id"`
	Notes                *string             `json:"notes"`
	Owner                Organisation        `json:"owner"`
	Purposes             []RetirementPurpose `json:"purposes"`
	RetiredAt            string              `json:"retired_at"`
	URL                  string              `json:"url"`
}

// RetirementPurpose is the spec's RetirementPurpose enum. Unknown values are kept as-is (the API may add values).
type RetirementPurpose string

const (
	RetirementPurposeCorporateTargets          RetirementPurpose = "corporate_targets"
	RetirementPurposePublicEnvironmentalClaims RetirementPurpose = "public_environmental_claims"
	RetirementPurposeInsetting                 RetirementPurpose = "insetting"
	RetirementPurposeRegulatoryRequirement     RetirementPurpose = "regulatory_requirement"
	RetirementPurposeOther                     RetirementPurpose = "other"
)

// SortDirection is the spec's SortDirection enum. Unknown values are kept as-is (the API may add values).
type SortDirection string

const (
	SortDirectionAsc  SortDirection = "asc"
	SortDirectionDesc SortDirection = "desc"
)

// StripeCheckoutResponse mirrors the spec schema StripeCheckoutResponse.
type StripeCheckoutResponse struct {
	RedirectURL string `json:"redirect_url"`
}

// StripeSubscriptionFrequency is the spec's StripeSubscriptionFrequency enum. Unknown values are kept as-is (the API may add values).
type StripeSubscriptionFrequency string

const (
	StripeSubscriptionFrequencyOneTime StripeSubscriptionFrequency = "one_time"
	StripeSubscriptionFrequencyMonthly StripeSubscriptionFrequency = "monthly"
	StripeSubscriptionFrequencyYearly  StripeSubscriptionFrequency = "yearly"
)

// Supplier mirrors the spec schema Supplier.
type Supplier struct {
	ID               string       `json:"id"`
	Location         *Location    `json:"location"`
	LongDescription  *string      `json:"long_description"`
	Organisation     Organisation `json:"organisation"`
	ShortDescription *string      `json:"short_description"`
}

// SupplierCreditBalance mirrors the spec schema SupplierCreditBalance.
type SupplierCreditBalance struct {
	SupplierID string        `json:"supplier_id"`
	Total      CreditBalance `json:"total"`
}

// SupplierStripeConfiguration mirrors the spec schema SupplierStripeConfiguration.
type SupplierStripeConfiguration struct {
	// Stripe account ID of the supplier's connected account
	AccountID string `json:"account_id"`
	// Price per tonne for carbon dioxide removal; set by the supplier. See `currency` field for the currency.
	CreditProductPricePerTonne *string `json:"credit_product_price_per_tonne"`
	// Currency used for this account (ISO 4217 code)
	Currency *string `json:"currency"`
	ID       string  `json:"id"`
	// URL to the Isometric terms and conditions
	IsometricTermsAndConditionsURL string `json:"isometric_terms_and_conditions_url"`
	// Price per tonne for verification; set by Isometric. See `currency` field for the currency.
	VerificationProductPricePerTonne *string `json:"verification_product_price_per_tonne"`
}

// Transfer mirrors the spec schema Transfer.
type Transfer struct {
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	FromOrganisation     Organisation   `json:"from_organisation"`
	ID                   string         `json:"id"`
	Notes                *string        `json:"notes"`
	ToOrganisation       Organisation   `json:"to_organisation"`
	TransferredAt        string         `json:"transferred_at"`
}
