package client

import (
	"context"
	"errors"
)

// ListBeneficiaries lists the organisations the acting organisation may retire on behalf of
// (GET /beneficiaries). opts may be nil.
func (c *Client) ListBeneficiaries(ctx context.Context, opts *ListOptions) (*Page[Organisation], error) {
	var out Page[Organisation]
	if err := c.get(ctx, "/beneficiaries", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
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
	var out Organisation
	if err := c.post(ctx, "/beneficiary", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
