package client

import (
	"context"
	"fmt"
)

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

// CreditBatchStatus is the spec's CreditBatchStatus enum. Unknown values are kept as-is (the API may add values).
type CreditBatchStatus string

// Known values of CreditBatchStatus.
const (
	CreditBatchStatusActive  CreditBatchStatus = "active"
	CreditBatchStatusSplit   CreditBatchStatus = "split"
	CreditBatchStatusRetired CreditBatchStatus = "retired"
)

// creditBatchStatuses are the values of CreditBatchStatus that the spec lists.
var creditBatchStatuses = []CreditBatchStatus{CreditBatchStatusActive, CreditBatchStatusSplit, CreditBatchStatusRetired}

// CreditBatchSortField is the spec's CreditBatchSortField enum. Unknown values are kept as-is (the API may add values).
type CreditBatchSortField string

// Known values of CreditBatchSortField.
const (
	CreditBatchSortFieldIssuedAt CreditBatchSortField = "issued_at"
)

// creditBatchSortFields are the values of CreditBatchSortField that the spec lists.
var creditBatchSortFields = []CreditBatchSortField{CreditBatchSortFieldIssuedAt}

// SortDirection is the spec's SortDirection enum. Unknown values are kept as-is (the API may add values).
type SortDirection string

// Known values of SortDirection.
const (
	SortDirectionAsc  SortDirection = "asc"
	SortDirectionDesc SortDirection = "desc"
)

// sortDirections are the values of SortDirection that the spec lists.
var sortDirections = []SortDirection{SortDirectionAsc, SortDirectionDesc}

// CreditBatchListOptions are the filters of GET /organisations/{id}/credit_batches (see
// Client.ListOrganisationCreditBatches). Zero values are not sent.
type CreditBatchListOptions struct {
	ListOptions
	// SupplierID filters by supplier (supplier_id).
	SupplierID string `url:"supplier_id,omitempty"`
	// ProjectID filters by project (project_id).
	ProjectID string `url:"project_id,omitempty"`
	// IssuanceID filters by issuance (issuance_id).
	IssuanceID string `url:"issuance_id,omitempty"`
	// DeliveryID filters by delivery (delivery_id).
	DeliveryID string `url:"delivery_id,omitempty"`
	// OrderID filters by order (order_id).
	OrderID string `url:"order_id,omitempty"`
	// RetirementID filters by retirement (retirement_id).
	RetirementID string `url:"retirement_id,omitempty"`
	// Status filters by status; each value is sent as a repeated status= parameter. The values
	// must be known ones, each at most once.
	Status []CreditBatchStatus `url:"status,omitempty"`
	// IssuedAfter filters batches issued after this date-time (sent as given, e.g. RFC 3339).
	IssuedAfter string `url:"issued_after,omitempty"`
	// IssuedBefore filters batches issued before this date-time (sent as given).
	IssuedBefore string `url:"issued_before,omitempty"`
	// SortField is the sort field (sort_field; API default issued_at).
	SortField CreditBatchSortField `url:"sort_field,omitempty"`
	// SortDirection is the sort direction (sort_direction; API default desc).
	SortDirection SortDirection `url:"sort_direction,omitempty"`
}

// valid checks the page sizes and that every enum value is one the spec lists, each status once
// (the spec's uniqueItems).
func (o *CreditBatchListOptions) valid() error {
	if err := o.ListOptions.valid(); err != nil {
		return err
	}
	seen := map[CreditBatchStatus]bool{}
	for _, s := range o.Status {
		if err := checkEnum("status", s, creditBatchStatuses); err != nil {
			return err
		}
		if seen[s] {
			return fmt.Errorf("%w: status %q is given twice", ErrInvalidOptions, s)
		}
		seen[s] = true
	}
	if o.SortField != "" {
		if err := checkEnum("sort_field", o.SortField, creditBatchSortFields); err != nil {
			return err
		}
	}
	if o.SortDirection != "" {
		return checkEnum("sort_direction", o.SortDirection, sortDirections)
	}
	return nil
}

// GetCreditBatch returns a credit batch by ID (GET /credit_batches/{id}).
func (c *Client) GetCreditBatch(ctx context.Context, id string) (*CreditBatch, error) {
	return get[CreditBatch](ctx, c.t, withID("credit batch", "/credit_batches/%s", id), nil)
}
