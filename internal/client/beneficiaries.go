package client

import (
	"context"
	"errors"
)

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

// ListBeneficiaries lists the organisations the acting organisation may retire on behalf of
// (GET /beneficiaries). opts may be nil.
func (c *Client) ListBeneficiaries(ctx context.Context, opts *ListOptions) (*Page[Organisation], error) {
	return get[Page[Organisation]](ctx, c.t, fixed("/beneficiaries"), opts)
}

// CreateBeneficiary creates a beneficiary (POST /beneficiary): an organisation (name + domain) or
// an individual (name + email). Set exactly one of BeneficiaryDomain and BeneficiaryEmail; the
// __typename discriminator is filled in from it when empty. It is sent once (see the package's
// retry rules); an unknown outcome is an *OutcomeUnknownError.
func (c *Client) CreateBeneficiary(ctx context.Context, req CreateBeneficiaryRequest) (*Organisation, error) {
	switch {
	case req.BeneficiaryDomain != "" && req.BeneficiaryEmail != "":
		return nil, errors.New("create beneficiary: set either a domain (organisation) or an email (individual), not both")
	case req.TypeName == "" && req.BeneficiaryDomain != "":
		req.TypeName = TypeNameOrganizationBeneficiary
	case req.TypeName == "" && req.BeneficiaryEmail != "":
		req.TypeName = TypeNameIndividualBeneficiary
	case req.TypeName == "":
		return nil, errors.New("create beneficiary: a domain (organisation) or an email (individual) is required")
	}
	return post[Organisation](ctx, c.t, "/beneficiary", req)
}
