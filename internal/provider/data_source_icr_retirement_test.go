package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceICRRetirement(t *testing.T) {
	const typ = "isometric_icr_retirement"
	reg := newTestRegistry(t, nil)
	want := must(t, reg.seed.icrRetirements[localregistry.DemoICRRetirementID], "ICR retirement", localregistry.DemoICRRetirementID)
	withICR := reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, localregistry.DemoICRToken)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			missingICRStep(reg, typ, fmt.Sprintf("id = %q", localregistry.DemoICRRetirementID)),
			{
				// Unknown ID: the error names the ID and the ICR endpoint.
				Config:      withICR + dataBlock(typ, `id = "00000000-0000-0000-0000-000000000000"`),
				ExpectError: errorText(`Cannot read ICR retirement "00000000-0000-0000-0000-000000000000"`, "404 Not Found", "ICR API at "+reg.ICREndpoint),
			},
			{
				Config:      withICR + dataBlock(typ, `id = "../retirements"`),
				ExpectError: errorText(`Invalid id "../retirements"`, "an ICR ID is a single token"),
			},
			{
				Config:            withICR + dataBlock(typ, fmt.Sprintf("id = %q", localregistry.DemoICRRetirementID)),
				ConfigStateChecks: expectFields("data."+typ+".test", icrRetirementFields(t, want)),
				Check:             reg.expectPOSTs("", 0),
			},
		},
	})
}
