// Code generated from api/isometric-registry-openapi.json by hand-run script; edit freely, but keep names aligned with the spec.

package client

import (
	"encoding/json"
)

// BufferPoolRefund mirrors the spec schema BufferPoolRefund.
type BufferPoolRefund struct {
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// FromBufferPoolOrganisation is the `from_buffer_pool_organisation` field.
	FromBufferPoolOrganisation Organisation `json:"from_buffer_pool_organisation"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Notes is the `notes` field.
	Notes string `json:"notes"`
	// RefundedAt is the `refunded_at` field.
	RefundedAt string `json:"refunded_at"`
	// ToOrganisation is the `to_organisation` field.
	ToOrganisation Organisation `json:"to_organisation"`
}

// CarbonRemovalData mirrors the spec schema CarbonRemovalData.
type CarbonRemovalData struct {
	// CounterfactualsKg is the `counterfactuals_kg` field.
	CounterfactualsKg int64 `json:"counterfactuals_kg"`
	// EmissionsKg is the `emissions_kg` field.
	EmissionsKg int64 `json:"emissions_kg"`
	// GrossCarbonRemovedKg is the `gross_carbon_removed_kg` field.
	GrossCarbonRemovedKg int64 `json:"gross_carbon_removed_kg"`
	// LossesKg is the `losses_kg` field.
	LossesKg int64 `json:"losses_kg"`
	// NetCarbonRemovedKg is the `net_carbon_removed_kg` field.
	NetCarbonRemovedKg int64 `json:"net_carbon_removed_kg"`
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
	// A representation of a credit quantity as an **integer kilogram amount**. Where **1 unit represents 0.001 credits** and 1 kilogram of CO₂e. This field can handle
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
	// ActiveCreditsTotal is the `active_credits_total` field.
	ActiveCreditsTotal CreditQuantity `json:"active_credits_total"`
	// RetiredCreditsTotal is the `retired_credits_total` field.
	RetiredCreditsTotal CreditQuantity `json:"retired_credits_total"`
}

// CreditBatch mirrors the spec schema CreditBatch.
type CreditBatch struct {
	// Beneficiary is the `beneficiary` field.
	Beneficiary *Organisation `json:"beneficiary"`
	// Carbon removal data for this credit batch
	CarbonRemovalData *CarbonRemovalData `json:"carbon_removal_data"`
	// Whether this credit batch has been issued as part of a ICVCM Core Carbon Principles (CCP) approved project
	CCPApproved bool `json:"ccp_approved"`
	// CountryOfIssue is the `country_of_issue` field.
	CountryOfIssue string `json:"country_of_issue"`
	// DeliveredAt is the `delivered_at` field.
	DeliveredAt *string `json:"delivered_at"`
	// DeliveryID is the `delivery_id` field.
	DeliveryID *string `json:"delivery_id"`
	// ID is the `id` field.
	ID string `json:"id"`
	// IssuanceID is the `issuance_id` field.
	IssuanceID string `json:"issuance_id"`
	// IssuedAt is the `issued_at` field.
	IssuedAt string `json:"issued_at"`
	// If this credit batch has status `SPLIT`, it will have two child batches representing the two halves of this split.
	LeftChildID *string `json:"left_child_id"`
	// Owner is the `owner` field.
	Owner Organisation `json:"owner"`
	// If this credit batch was created from splitting a larger batch in two, this will be set to the id of the parent credit batch.
	ParentID *string `json:"parent_id"`
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// RemovalID is the `removal_id` field.
	RemovalID string `json:"removal_id"`
	// RetiredAt is the `retired_at` field.
	RetiredAt *string `json:"retired_at"`
	// RetirementID is the `retirement_id` field.
	RetirementID *string `json:"retirement_id"`
	// If this credit batch has status `SPLIT`, it will have two child batches representing the two halves of this split.
	RightChildID *string `json:"right_child_id"`
	// SequesteredOn is the `sequestered_on` field.
	SequesteredOn string `json:"sequestered_on"`
	// SerialNumber is the `serial_number` field.
	SerialNumber string `json:"serial_number"`
	// Size is the `size` field.
	Size CreditQuantity `json:"size"`
	// Status is the `status` field.
	Status CreditBatchStatus `json:"status"`
	// SupplierID is the `supplier_id` field.
	SupplierID string `json:"supplier_id"`
}

// CreditBatchQuantity mirrors the spec schema CreditBatchQuantity.
type CreditBatchQuantity struct {
	// CreditBatchID is the `credit_batch_id` field.
	CreditBatchID string `json:"credit_batch_id"`
	// A representation of a credit quantity as an **integer kilogram amount**. Where **1 unit represents 0.001 credits** and 1 kilogram of CO₂e. This field can handle
	CreditQuantityKg int64 `json:"credit_quantity_kg"`
}

// CreditBatchSortField is the spec's CreditBatchSortField enum. Unknown values are kept as-is (the API may add values).
type CreditBatchSortField string

// Known values of CreditBatchSortField.
const (
	CreditBatchSortFieldIssuedAt CreditBatchSortField = "issued_at"
)

// CreditBatchStatus is the spec's CreditBatchStatus enum. Unknown values are kept as-is (the API may add values).
type CreditBatchStatus string

// Known values of CreditBatchStatus.
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
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// DeliveredAt is the `delivered_at` field.
	DeliveredAt string `json:"delivered_at"`
	// FromSupplier is the `from_supplier` field.
	FromSupplier Supplier `json:"from_supplier"`
	// ID is the `id` field.
	ID string `json:"id"`
	// A publicly visible note stored with the credit delivery.
	Notes *string `json:"notes"`
	// OrderID is the `order_id` field.
	OrderID string `json:"order_id"`
	// ToOrganisation is the `to_organisation` field.
	ToOrganisation Organisation `json:"to_organisation"`
	// URL is the `url` field.
	URL string `json:"url"`
}

// Issuance mirrors the spec schema Issuance.
type Issuance struct {
	// BufferPoolCreditBatchSizeTotal is the `buffer_pool_credit_batch_size_total` field.
	BufferPoolCreditBatchSizeTotal CreditQuantity `json:"buffer_pool_credit_batch_size_total"`
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// ID is the `id` field.
	ID string `json:"id"`
	// IssuedAt is the `issued_at` field.
	IssuedAt string `json:"issued_at"`
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// End date of the reporting period (inclusive)
	ReportingPeriodEndAt string `json:"reporting_period_end_at"`
	// Start date of the reporting period (inclusive)
	ReportingPeriodStartAt string `json:"reporting_period_start_at"`
	// Supplier is the `supplier` field.
	Supplier Supplier `json:"supplier"`
	// SupplierCreditBatchSizeTotal is the `supplier_credit_batch_size_total` field.
	SupplierCreditBatchSizeTotal CreditQuantity `json:"supplier_credit_batch_size_total"`
}

// IssuanceCreditBatches mirrors the spec schema IssuanceCreditBatches.
type IssuanceCreditBatches struct {
	// BufferPoolCreditBatchSizeTotal is the `buffer_pool_credit_batch_size_total` field.
	BufferPoolCreditBatchSizeTotal CreditQuantity `json:"buffer_pool_credit_batch_size_total"`
	// BufferPoolCreditBatches is the `buffer_pool_credit_batches` field.
	BufferPoolCreditBatches []CreditBatch `json:"buffer_pool_credit_batches"`
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// IssuanceID is the `issuance_id` field.
	IssuanceID string `json:"issuance_id"`
	// SupplierCreditBatchSizeTotal is the `supplier_credit_batch_size_total` field.
	SupplierCreditBatchSizeTotal CreditQuantity `json:"supplier_credit_batch_size_total"`
	// SupplierCreditBatches is the `supplier_credit_batches` field.
	SupplierCreditBatches []CreditBatch `json:"supplier_credit_batches"`
}

// Location mirrors the spec schema Location.
type Location struct {
	// CountryCode is the `country_code` field.
	CountryCode string `json:"country_code"`
	// CountryName is the `country_name` field.
	CountryName string `json:"country_name"`
	// Description is the `description` field.
	Description *string `json:"description,omitempty"`
	// Latitude is the `latitude` field.
	Latitude json.Number `json:"latitude"`
	// Longitude is the `longitude` field.
	Longitude json.Number `json:"longitude"`
}

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

// OrderCreditBalance mirrors the spec schema OrderCreditBalance.
type OrderCreditBalance struct {
	// OrderID is the `order_id` field.
	OrderID string `json:"order_id"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

// OrderStatus is the spec's OrderStatus enum. Unknown values are kept as-is (the API may add values).
type OrderStatus string

// Known values of OrderStatus.
const (
	OrderStatusPlaced     OrderStatus = "placed"
	OrderStatusInProgress OrderStatus = "in_progress"
	OrderStatusCompleted  OrderStatus = "completed"
)

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

// PageInfo mirrors the spec schema PageInfo.
type PageInfo struct {
	// EndCursor is the `end_cursor` field.
	EndCursor *string `json:"end_cursor"`
	// HasNextPage is the `has_next_page` field.
	HasNextPage bool `json:"has_next_page"`
	// HasPreviousPage is the `has_previous_page` field.
	HasPreviousPage bool `json:"has_previous_page"`
	// StartCursor is the `start_cursor` field.
	StartCursor *string `json:"start_cursor"`
}

// Pathway is the spec's Pathway enum. Unknown values are kept as-is (the API may add values).
type Pathway string

// Known values of Pathway.
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
	CountryCode string `json:"country_code"`
	// CreditingPeriodEnd is the `crediting_period_end` field.
	CreditingPeriodEnd *string `json:"crediting_period_end"`
	// CreditingPeriodStart is the `crediting_period_start` field.
	CreditingPeriodStart *string `json:"crediting_period_start"`
	// The name of the organization currently responsible for verifying this project, if assigned
	CurrentVerifierName *string `json:"current_verifier_name"`
	// ID is the `id` field.
	ID string `json:"id"`
	// The total number of credits from this project that have been allocated to the supplier's buffer pool
	IssuedBufferPoolCreditsTotal CreditQuantity `json:"issued_buffer_pool_credits_total"`
	// The total number of credits Isometric has issued to this project, including those allocated to the buffer pool
	IssuedCreditsTotal CreditQuantity `json:"issued_credits_total"`
	// Location is the `location` field.
	Location *Location `json:"location"`
	// Name is the `name` field.
	Name string `json:"name"`
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
	Status ProjectStatus `json:"status"`
	// Supplier is the `supplier` field.
	Supplier Supplier `json:"supplier"`
	// The url to the Isometric page for this project
	URL string `json:"url"`
	// The name of the organization responsible for validating this project, if assigned
	ValidatorName *string `json:"validator_name"`
}

// ProjectCreditBalance mirrors the spec schema ProjectCreditBalance.
type ProjectCreditBalance struct {
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

// ProjectDocument mirrors the spec schema ProjectDocument.
type ProjectDocument struct {
	// DisplayName is the `display_name` field.
	DisplayName string `json:"display_name"`
	// ID is the `id` field.
	ID string `json:"id"`
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// URL is the `url` field.
	URL string `json:"url"`
}

// ProjectStatus is the spec's ProjectStatus enum. Unknown values are kept as-is (the API may add values).
type ProjectStatus string

// Known values of ProjectStatus.
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

// SortDirection is the spec's SortDirection enum. Unknown values are kept as-is (the API may add values).
type SortDirection string

// Known values of SortDirection.
const (
	SortDirectionAsc  SortDirection = "asc"
	SortDirectionDesc SortDirection = "desc"
)

// StripeCheckoutResponse mirrors the spec schema StripeCheckoutResponse.
type StripeCheckoutResponse struct {
	// RedirectURL is the `redirect_url` field.
	RedirectURL string `json:"redirect_url"`
}

// StripeSubscriptionFrequency is the spec's StripeSubscriptionFrequency enum. Unknown values are kept as-is (the API may add values).
type StripeSubscriptionFrequency string

// Known values of StripeSubscriptionFrequency.
const (
	StripeSubscriptionFrequencyOneTime StripeSubscriptionFrequency = "one_time"
	StripeSubscriptionFrequencyMonthly StripeSubscriptionFrequency = "monthly"
	StripeSubscriptionFrequencyYearly  StripeSubscriptionFrequency = "yearly"
)

// Supplier mirrors the spec schema Supplier.
type Supplier struct {
	// ID is the `id` field.
	ID string `json:"id"`
	// Location is the `location` field.
	Location *Location `json:"location"`
	// LongDescription is the `long_description` field.
	LongDescription *string `json:"long_description"`
	// Organisation is the `organisation` field.
	Organisation Organisation `json:"organisation"`
	// ShortDescription is the `short_description` field.
	ShortDescription *string `json:"short_description"`
}

// SupplierCreditBalance mirrors the spec schema SupplierCreditBalance.
type SupplierCreditBalance struct {
	// SupplierID is the `supplier_id` field.
	SupplierID string `json:"supplier_id"`
	// Total is the `total` field.
	Total CreditBalance `json:"total"`
}

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

// Transfer mirrors the spec schema Transfer.
type Transfer struct {
	// CreditBatchSizeTotal is the `credit_batch_size_total` field.
	CreditBatchSizeTotal CreditQuantity `json:"credit_batch_size_total"`
	// FromOrganisation is the `from_organisation` field.
	FromOrganisation Organisation `json:"from_organisation"`
	// ID is the `id` field.
	ID string `json:"id"`
	// Notes is the `notes` field.
	Notes *string `json:"notes"`
	// ToOrganisation is the `to_organisation` field.
	ToOrganisation Organisation `json:"to_organisation"`
	// TransferredAt is the `transferred_at` field.
	TransferredAt string `json:"transferred_at"`
}
