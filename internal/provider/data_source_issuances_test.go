package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceIssuances(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `data "isometric_issuances" "x" {
  supplier_id = "spl_1NOTASUPPLIER000"
}`,
				ExpectError: errorText(`Cannot list issuances`, `/suppliers/spl_1NOTASUPPLIER000/issuances: 404`, `not found`, reg.APIEndpoint),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `data "isometric_issuances" "x" {
  supplier_id = "spl_"
}`,
				ExpectError: errorText(`Invalid supplier ID "spl_"`, `(this one has 4)`),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_issuances" "all" {}
data "isometric_issuances" "supplier_a" {
  supplier_id = %q
}
data "isometric_issuances" "latest" {
  limit = 1
}`, localregistry.DemoSupplierAID),
				ConfigStateChecks: append(append(append(
					expectCount("data.isometric_issuances.all", "issuances", 3, 3),
					// Most recently issued first: B1 (2025-08), A2 (2025-06), A1 (2024-09).
					statecheck.ExpectKnownValue("data.isometric_issuances.all", tfjsonpath.New("issuances"), objectsExact(
						issuanceFields(t, x, localregistry.DemoIssuanceB1ID), issuanceFields(t, x, localregistry.DemoIssuanceA2ID),
						issuanceFields(t, x, localregistry.DemoIssuanceA1ID))),
					expectIDs("data.isometric_issuances.supplier_a", "issuances", []string{localregistry.DemoIssuanceA2ID, localregistry.DemoIssuanceA1ID}, true),
					expectIDs("data.isometric_issuances.latest", "issuances", []string{localregistry.DemoIssuanceB1ID}, true)),
					expectCount("data.isometric_issuances.supplier_a", "issuances", 2, 2)...),
					expectCount("data.isometric_issuances.latest", "issuances", 1, 3)...),
				Check: reg.expectPOSTs("", 0),
			},
		},
	})
}

func TestAccDataSourceIssuances_pagination(t *testing.T) {
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	// GET /issuances: the paged issuances (2023, newest first) come after the demo ones (2024-2025).
	all := append([]string{localregistry.DemoIssuanceB1ID, localregistry.DemoIssuanceA2ID, localregistry.DemoIssuanceA1ID}, pagedIDs("iss_", pagedCount, 1)...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_issuances" "all" {}
data "isometric_issuances" "paged" {
  supplier_id = %q
}`, pagedSupplierID),
			ConfigStateChecks: append(append(
				expectCount("data.isometric_issuances.all", "issuances", len(all), len(all)),
				expectIDs("data.isometric_issuances.all", "issuances", all, true),
				expectIDs("data.isometric_issuances.paged", "issuances", pagedIDs("iss_", pagedCount, 1), true)),
				expectCount("data.isometric_issuances.paged", "issuances", pagedCount, pagedCount)...),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkPages(reg, "/registry/v0/issuances", url.Values{}, 2),
				checkPages(reg, "/registry/v0/suppliers/"+pagedSupplierID+"/issuances", url.Values{}, 2)),
		}},
	})
}
