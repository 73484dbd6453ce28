package provider

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestAccDataSourceRetirements reads more retirements than one page holds, with each filter,
// a limit and a filter that matches nothing, and compares them with the seed in the registry's order.
func TestAccDataSourceRetirements(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer, beneficiary := localregistry.DemoBuyerOrgID, localregistry.DemoBeneficiaryOrgID
	rl := seedList[localregistry.SeedRetirement]{t: t, x: reg.seed, items: seed.Retirements,
		at:      func(r *localregistry.SeedRetirement) time.Time { return r.RetiredAt },
		id:      func(r *localregistry.SeedRetirement) string { return r.ID },
		batches: func(r *localregistry.SeedRetirement) []string { return r.CreditBatchIDs },
	}
	list, ids, sumKg := rl.list, rl.ids, rl.sumKg
	owned := list(func(r *localregistry.SeedRetirement) bool { return r.OwnerOrganisationID == buyer })
	onBehalf := list(func(r *localregistry.SeedRetirement) bool { return r.BeneficiaryOrganisationID == beneficiary })
	forItself := list(func(r *localregistry.SeedRetirement) bool {
		return r.OwnerOrganisationID == buyer && r.BeneficiaryOrganisationID == buyer
	})
	visible := list(func(r *localregistry.SeedRetirement) bool {
		return r.OwnerOrganisationID == buyer || r.BeneficiaryOrganisationID == buyer
	})
	if len(owned) <= client.MaxPageSize || len(onBehalf) < pagedCount/2 {
		t.Fatalf("the seed has %d retirements of the buyer, want more than a page", len(owned))
	}
	demo := findRecord(t, reg.Registry.AllRetirements(), "retirement", localregistry.DemoRetirementID, func(r client.Retirement) string { return r.ID })

	const addr = "data.isometric_retirements."
	path := "/registry/v0/retirements"
	checks := append(expectList(addr+"owned", "retirements", ids(owned), len(owned)),
		expectTotal(addr+"owned", sumKg(owned)),
		// The demo retirement, as the registry reports it, with its certificate URL.
		statecheck.ExpectKnownValue(addr+"owned", tfjsonpath.New("retirements"), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(ids(owned), localregistry.DemoRetirementID): knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":                      knownvalue.StringExact(demo.ID),
				"retired_at":              rfc3339Check(demo.RetiredAt),
				"purposes":                knownvalue.ListSizeExact(len(demo.Purposes)),
				"owner":                   seedOrgCheck(t, reg.seed, buyer),
				"beneficiary":             orgCheck(demo.Beneficiary),
				"credit_batch_size_total": quantityCheck(2000),
				"url":                     knownvalue.StringExact(demo.URL),
				"notes":                   stringOrNull(demo.Notes),
			}),
		})),
	)
	checks = append(checks, expectList(addr+"on_behalf", "retirements", ids(onBehalf), len(onBehalf))...)
	checks = append(checks, expectTotal(addr+"on_behalf", sumKg(onBehalf)))
	checks = append(checks, expectList(addr+"for_itself", "retirements", ids(forItself), len(forItself))...)
	checks = append(checks, expectList(addr+"limited", "retirements", ids(owned[:55]), len(owned))...)
	checks = append(checks, expectTotal(addr+"limited", sumKg(owned[:55])))
	checks = append(checks, expectList(addr+"visible", "retirements", ids(visible), len(visible))...)
	checks = append(checks, expectList(addr+"none", "retirements", nil, 0)...)
	checks = append(checks, expectTotal(addr+"none", 0))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_retirements", `owner_organisation_id = "org_short"`),
			ExpectError: errorText(`Invalid organisation ID "org_short"`, `starts with "org_"`),
		}, {
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_retirements" "owned" {
  owner_organisation_id = %[1]q
}
data "isometric_retirements" "on_behalf" {
  beneficiary_organisation_id = %[2]q
}
data "isometric_retirements" "for_itself" {
  owner_organisation_id       = %[1]q
  beneficiary_organisation_id = %[1]q
}
data "isometric_retirements" "limited" {
  owner_organisation_id = %[1]q
  limit                 = 55
}
data "isometric_retirements" "visible" {}
data "isometric_retirements" "none" {
  beneficiary_organisation_id = %[3]q
}
`, buyer, beneficiary, localregistry.DemoStrangerOrgID),
			ConfigStateChecks: checks,
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				checkPages(reg, path, url.Values{"owner_org_id": {buyer}}, pagesFor(len(owned))),
				checkPages(reg, path, url.Values{"beneficiary_org_id": {beneficiary}}, pagesFor(len(onBehalf))),
				checkPages(reg, path, url.Values{}, pagesFor(len(visible))),
			),
		}},
	})
}
