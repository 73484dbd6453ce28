package client

// Page mirrors the spec's PaginatedListResource_X_ schemas (Relay-style pagination).
type Page[T any] struct {
	// PageInfo is the `page_info` field.
	PageInfo PageInfo `json:"page_info"`
	// Nodes is the `nodes` field.
	Nodes []T `json:"nodes"`
	// TotalCount is the `total_count` field.
	TotalCount int64 `json:"total_count"`
}

// List mirrors the spec's unpaginated ListResource_X_ schemas.
type List[T any] struct {
	// Nodes is the `nodes` field.
	Nodes []T `json:"nodes"`
	// TotalCount is the `total_count` field.
	TotalCount int64 `json:"total_count"`
}

// CreateBeneficiaryRequest is the body of POST /beneficiary. The spec's body is a oneOf of
// CreateOrganizationBeneficiary (name + domain) and CreateIndividualBeneficiary (name + email);
// set exactly one of BeneficiaryDomain or BeneficiaryEmail. The __typename discriminator is
// filled in by the client from whichever is set.
type CreateBeneficiaryRequest struct {
	// TypeName is the `__typename` field.
	TypeName string `json:"__typename,omitempty"`
	// BeneficiaryName is the `beneficiary_name` field.
	BeneficiaryName string `json:"beneficiary_name"`
	// BeneficiaryDomain is the `beneficiary_domain` field.
	BeneficiaryDomain string `json:"beneficiary_domain,omitempty"`
	// BeneficiaryEmail is the `beneficiary_email` field.
	BeneficiaryEmail string `json:"beneficiary_email,omitempty"`
}

// Beneficiary request type names (the spec's __typename constants).
const (
	TypeNameOrganizationBeneficiary = "CreateOrganizationBeneficiary"
	TypeNameIndividualBeneficiary   = "CreateIndividualBeneficiary"
)

// ValidationError mirrors the spec's ValidationError (one entry of a FastAPI 422 body).
type ValidationError struct {
	// Loc is the `loc` field.
	Loc []any `json:"loc"`
	// Msg is the `msg` field.
	Msg string `json:"msg"`
	// Type is the `type` field.
	Type string `json:"type"`
	// Ctx is the `ctx` field.
	Ctx map[string]any `json:"ctx,omitempty"`
}

// HTTPValidationError mirrors the spec's HTTPValidationError (FastAPI's 422 body).
type HTTPValidationError struct {
	// Detail is the `detail` field.
	Detail []ValidationError `json:"detail"`
}
