package provider

import (
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceSuppliers(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `
data "isometric_suppliers" "all" {}
data "isometric_suppliers" "one" {
  limit = 1
}`,
			ConfigStateChecks: append(append(
				expectCount("data.isometric_suppliers.all", "suppliers", 2, 2),
				// The registry lists suppliers in creation order: A, then B.
				statecheck.ExpectKnownValue("data.isometric_suppliers.all", tfjsonpath.New("suppliers"), objectsExact(
					supplierFields(t, x, localregistry.DemoSupplierAID), supplierFields(t, x, localregistry.DemoSupplierBID))),
				expectIDs("data.isometric_suppliers.one", "suppliers", []string{localregistry.DemoSupplierAID}, true)),
				expectCount("data.isometric_suppliers.one", "suppliers", 1, 2)...),
			Check: reg.expectPOSTs("", 0),
		}},
	})
}

func TestAccDataSourceSuppliers_pagination(t *testing.T) {
	seed := pagedSeed(t, pagedCatalog)
	reg := newTestRegistry(t, seed)
	var all []string
	for _, s := range seed.Suppliers {
		all = append(all, s.ID)
	}
	total := len(all) // 2 demo suppliers + the paged supplier + pagedCount more
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `
data "isometric_suppliers" "all" {}
`,
			ConfigStateChecks: append(expectCount("data.isometric_suppliers.all", "suppliers", total, total),
				expectIDs("data.isometric_suppliers.all", "suppliers", all, true)),
			Check: checkPages(reg, "/registry/v0/suppliers", url.Values{}, 2),
		}, {
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `
data "isometric_suppliers" "limited" {
  limit = 51
}
`,
			ConfigStateChecks: append(expectCount("data.isometric_suppliers.limited", "suppliers", 51, total),
				expectIDs("data.isometric_suppliers.limited", "suppliers", all[:51], true)),
			Check: checkPages(reg, "/registry/v0/suppliers", url.Values{}, 2),
		}},
	})
}
