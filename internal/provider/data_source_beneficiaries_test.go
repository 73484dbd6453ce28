package provider

import (
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceBeneficiaries(t *testing.T) {
	testOrganisationList(t, "isometric_beneficiaries", "beneficiaries", "/registry/v0/beneficiaries", localregistry.DemoBeneficiaryOrgID,
		func(o *localregistry.SeedOrganisation) []string { return o.Beneficiaries })
}
