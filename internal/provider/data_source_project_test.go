package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceProject(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	const missing = "prj_1NOTAPROJECT0000"
	cfg := func(id string) string {
		return reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf("data \"isometric_project\" \"x\" {\n  id = %q\n}\n", id)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      cfg(missing),
				ExpectError: errorText(fmt.Sprintf(`Cannot read project %q`, missing), `not found`, reg.APIEndpoint),
			},
			{
				Config:      cfg(localregistry.DemoIssuanceA1ID),
				ExpectError: errorText(fmt.Sprintf(`Invalid project ID %q`, localregistry.DemoIssuanceA1ID), `a project ID starts with "prj_"`),
			},
			{
				// A1: every optional field set, credits issued to the supplier and the buffer pool, some retired.
				Config:            cfg(localregistry.DemoProjectA1ID),
				ConfigStateChecks: expectFields("data.isometric_project.x", projectFields(t, x, localregistry.DemoProjectA1ID)),
				Check:             reg.expectPOSTs("", 0),
			},
			{
				// A2: no location and no verifier (null attributes).
				Config:            cfg(localregistry.DemoProjectA2ID),
				ConfigStateChecks: expectFields("data.isometric_project.x", projectFields(t, x, localregistry.DemoProjectA2ID)),
			},
			{
				// B1: another supplier, a split batch and a retired split child.
				Config:            cfg(localregistry.DemoProjectB1ID),
				ConfigStateChecks: expectFields("data.isometric_project.x", projectFields(t, x, localregistry.DemoProjectB1ID)),
			},
		},
	})
}
