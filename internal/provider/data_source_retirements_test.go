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
	seed := txPagedSeed(t)
	reg := newTestRegistry(t, seed.Clone())
	buyer, beneficiary := localregistry.DemoBuyerOrgID, localregistry.DemoBeneficiaryOrgID
	rl := txSeedList[localregistry.SeedRetirement]{t: t, seed: seed, items: seed.Retirements,
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
	if len(owned) <= client.MaxPageSize || len(onBehalf) < txCount/2 {
		t.Fatalf("the seed has %d retirements of the buyer, want more than a page", len(owned))
	}
	demo := txFindRecord(t, reg.Registry.AllRetirements(), "retirement", localregistry.DemoRetirementID, func(r client.Retirement) string { return r.ID })

	const addr = "data.isometric_retirements."
	path := "/registry/v0/retirements"
	checks := append(txListChecks(addr+"owned", "retirements", ids(owned), len(owned)),
		txTotalCheck(addr+"owned", sumKg(owned)),
		// The demo retirement, as the registry reports it, with its certificate URL.
		statecheck.ExpectKnownValue(addr+"owned", tfjsonpath.New("retirements"), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(ids(owned), localregistry.DemoRetirementID): knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":                      knownvalue.StringExact(demo.ID),
				"retired_at":              txRFC3339(demo.RetiredAt),
				"purposes":                knownvalue.ListSizeExact(len(demo.Purposes)),
				"owner":                   txSeedOrg(t, seed, buyer),
				"beneficiary":             txOrg(demo.Beneficiary),
				"credit_batch_size_total": txQuantity(t, 2000, "2"),
				"url":                     knownvalue.StringExact(demo.URL),
				"notes":                   txOptString(demo.Notes),
			}),
		})),
	)
	checks = append(checks, txListChecks(addr+"on_behalf", "retirements", ids(onBehalf), len(onBehalf))...)
	checks = append(checks, txTotalCheck(addr+"on_behalf", sumKg(onBehalf)))
	checks = append(checks, txListChecks(addr+"for_itself", "retirements", ids(forItself), len(forItself))...)
	checks = append(checks, txListChecks(addr+"limited", "retirements", ids(owned[:55]), len(owned))...)
	checks = append(checks, txTotalCheck(addr+"limited", sumKg(owned[:55])))
	checks = append(checks, txListChecks(addr+"visible", "retirements", ids(visible), len(visible))...)
	checks = append(checks, txListChecks(addr+"none", "retirements", nil, 0)...)
	checks = append(checks, txTotalCheck(addr+"none", 0))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock("isometric_retirements", `owner_organisation_id = "org_short"`),
			ExpectError: errorFor(`Invalid organisation ID "org_short"`, `starts with "org_"`),
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
				checkNoWrites(reg),
				checkPages(reg, path, url.Values{"owner_org_id": {buyer}}, txPages(len(owned))),
				checkPages(reg, path, url.Values{"beneficiary_org_id": {beneficiary}}, txPages(len(onBehalf))),
				checkPages(reg, path, url.Values{}, txPages(len(visible))),
			),
		}},
	})
}

// indexOf is the index of id in ids (-1 if absent).
func indexOf(ids []string, id string) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}
