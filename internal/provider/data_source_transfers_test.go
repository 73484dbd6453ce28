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

// TestAccDataSourceTransfers reads more transfers than one page holds, with each filter, a
// limit and a filter that matches nothing, in the registry's order.
func TestAccDataSourceTransfers(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer, partner := localregistry.DemoBuyerOrgID, localregistry.DemoPartnerOrgID
	tl := seedList[localregistry.SeedTransfer]{t: t, x: reg.seed, items: seed.Transfers,
		at:      func(x *localregistry.SeedTransfer) time.Time { return x.TransferredAt },
		id:      func(x *localregistry.SeedTransfer) string { return x.ID },
		batches: func(x *localregistry.SeedTransfer) []string { return x.CreditBatchIDs },
	}
	list, ids, sumKg := tl.list, tl.ids, tl.sumKg
	sent := list(func(x *localregistry.SeedTransfer) bool { return x.FromOrganisationID == buyer })
	received := list(func(x *localregistry.SeedTransfer) bool { return x.ToOrganisationID == buyer })
	toPartner := list(func(x *localregistry.SeedTransfer) bool {
		return x.FromOrganisationID == buyer && x.ToOrganisationID == partner
	})
	visible := list(func(x *localregistry.SeedTransfer) bool {
		return x.FromOrganisationID == buyer || x.ToOrganisationID == buyer
	})
	if len(visible) <= client.MaxPageSize {
		t.Fatalf("the seed has %d transfers of the buyer, want more than a page", len(visible))
	}
	demo := findRecord(t, reg.Registry.AllTransfers(), "transfer", localregistry.DemoTransferID, func(x client.Transfer) string { return x.ID })

	const addr = "data.isometric_transfers."
	checks := append(expectList(addr+"all", "transfers", ids(visible), len(visible)),
		expectTotal(addr+"all", sumKg(visible)),
		statecheck.ExpectKnownValue(addr+"all", tfjsonpath.New("transfers"), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(ids(visible), localregistry.DemoTransferID): knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":                      knownvalue.StringExact(demo.ID),
				"transferred_at":          rfc3339Check(demo.TransferredAt),
				"from_organisation":       seedOrgCheck(t, reg.seed, buyer),
				"to_organisation":         seedOrgCheck(t, reg.seed, partner),
				"credit_batch_size_total": quantityCheck(4000),
				"notes":                   stringOrNull(demo.Notes),
			}),
		})),
	)
	checks = append(checks, expectList(addr+"sent", "transfers", ids(sent), len(sent))...)
	checks = append(checks, expectTotal(addr+"sent", sumKg(sent)))
	checks = append(checks, expectList(addr+"received", "transfers", ids(received), len(received))...)
	checks = append(checks, expectList(addr+"to_partner", "transfers", ids(toPartner), len(toPartner))...)
	checks = append(checks, expectList(addr+"limited", "transfers", ids(visible[:51]), len(visible))...)
	checks = append(checks, expectList(addr+"none", "transfers", nil, 0)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_transfers", `to_organisation_id = "spl_1DEMOSUPPLIERA01"`),
			ExpectError: errorText(`Invalid organisation ID "spl_1DEMOSUPPLIERA01"`, `starts with "org_"`),
		}, {
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_transfers", `limit = 0`),
			ExpectError: errorText("limit", "at least 1"),
		}, {
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_transfers" "all" {}
data "isometric_transfers" "sent" {
  from_organisation_id = %[1]q
}
data "isometric_transfers" "received" {
  to_organisation_id = %[1]q
}
data "isometric_transfers" "to_partner" {
  from_organisation_id = %[1]q
  to_organisation_id   = %[2]q
}
data "isometric_transfers" "limited" {
  limit = 51
}
data "isometric_transfers" "none" {
  from_organisation_id = %[3]q
}
`, buyer, partner, localregistry.DemoStrangerOrgID),
			ConfigStateChecks: checks,
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				checkPages(reg, "/registry/v0/transfers", url.Values{"from_organisation_id": {buyer}}, pagesFor(len(sent))),
				checkPages(reg, "/registry/v0/transfers", url.Values{"from_organisation_id": {buyer}, "to_organisation_id": {partner}}, pagesFor(len(toPartner))),
			),
		}},
	})
}
