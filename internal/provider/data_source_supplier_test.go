package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceSupplier(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	const missing = "spl_1NOTASUPPLIER000"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The buyer is not a supplier: the registry answers 403.
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `data "isometric_supplier" "me" {}`,
				ExpectError: errorText(`Cannot read the authenticated supplier`, `GET /registry/v0/supplier: 403`,
					fmt.Sprintf(`Organisation %s is not a supplier`, localregistry.DemoBuyerOrgID)),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`data "isometric_supplier" "x" {
  id = %q
}`, missing),
				ExpectError: errorText(fmt.Sprintf(`Cannot read supplier %q`, missing), `not found`, reg.APIEndpoint),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`data "isometric_supplier" "x" {
  id = %q
}`, localregistry.DemoSupplierAOrgID),
				ExpectError: errorText(fmt.Sprintf(`Invalid supplier ID %q`, localregistry.DemoSupplierAOrgID), `a supplier ID starts with "spl_"`),
			},
			{
				// Without id: the supplier the token acts as (GET /supplier); with id: any supplier.
				Config: reg.ProviderConfig(localregistry.DemoSupplierAToken) + fmt.Sprintf(`
data "isometric_supplier" "me" {}
data "isometric_supplier" "b" {
  id = %q
}`, localregistry.DemoSupplierBID),
				ConfigStateChecks: append(
					expectFields("data.isometric_supplier.me", supplierFields(t, x, localregistry.DemoSupplierAID)),
					expectFields("data.isometric_supplier.b", supplierFields(t, x, localregistry.DemoSupplierBID))...),
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 0), checkQueries(reg, "/registry/v0/supplier", url.Values{})),
			},
		},
	})
}
