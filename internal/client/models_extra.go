package client

// Page mirrors the spec's PaginatedListResource_X_ schemas (Relay-style pagination).
type Page[T any] struct {
	PageInfo   PageInfo `json:"page_info"`
	Nodes      []T      `json:"nodes"`
	TotalCount int64    `json:"total_count"`
}

// List mirrors the spec's unpaginated ListResource_X_ schemas.
type List[T any] struct {
	Nodes      []T   `json:"nodes"`
	TotalCount int64 `json:"total_count"`
}

// CreateBeneficiaryRequest is the body of POST /beneficiary. The spec's body is a oneOf of
// CreateOrganizationBeneficiary (name + domain) and CreateIndividualBeneficiary (name + email);
// set exactly one of BeneficiaryDomain or BeneficiaryEmail. The __typename discriminator is
// filled in by the client from whichever is set.
type CreateBeneficiaryRequest struct {
	TypeName          string `json:"__typename,omitempty"`
	BeneficiaryName   string `json:"beneficiary_name"`
	BeneficiaryDomain string `json:"beneficiary_domain,omitempty"`
	BeneficiaryEmail  string `json:"beneficiary_email,omitempty"`
}

// Beneficiary request type names (the spec's __typename constants).
const (
	TypeNameOrganizationBeneficiary = "CreateOrganizationBeneficiary"
	TypeNameIndividualBeneficiary   = "CreateIndividualBeneficiary"
)

// ValidationError mirrors the spec's ValidationError (one entry of a FastAPI 422 body).
type ValidationError struct {
	Loc  []any          `json:"loc"`
	Msg  string         `json:"msg"`
	Type string         `json:"type"`
	Ctx  map[string]any `json:"ctx,omitempty"`
}

// HTTPValidationError mirrors the spec's HTTPValidationError (FastAPI's 422 body).
type HTTPValidationError struct {
	Detail []ValidationError `json:"detail"`
}
