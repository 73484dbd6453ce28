package provider

import (
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceTransferees(t *testing.T) {
	testOrganisationList(t, "isometric_transferees", "transferees", "/registry/v0/transferees", localregistry.DemoPartnerOrgID,
		func(o *localregistry.SeedOrganisation) []string { return o.Transferees })
}
