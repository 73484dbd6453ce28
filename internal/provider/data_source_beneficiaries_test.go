package provider

import (
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// txOrganisationListTest reads the list data source typ (attribute records, GET path) of the
// buyer in the paged world, where ids(buyer) holds the demo entries plus txCount paged
// organisations, and expects them all in the registry's order, with demoID among them; then with
// a limit; and the demo world's list of the partner.
func txOrganisationListTest(t *testing.T, typ, records, path, demoID string, ids func(*localregistry.SeedOrganisation) []string) {
	seed := txPagedSeed(t)
	reg := newTestRegistry(t, seed.Clone())
	buyer := txFindSeed(t, seed.Organisations, "organisation", localregistry.DemoBuyerOrgID, func(o *localregistry.SeedOrganisation) string { return o.ID })
	want := ids(buyer)
	if len(want) <= txCount || indexOf(want, demoID) < 0 {
		t.Fatalf("the seed gives the buyer %d %s, want more than %d including %s", len(want), records, txCount, demoID)
	}
	addr := "data." + typ + "."
	checks := append(txListChecks(addr+"all", records, want, len(want)),
		statecheck.ExpectKnownValue(addr+"all", tfjsonpath.New(records), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(want, demoID): txSeedOrg(t, seed, demoID),
			len(want) - 1:         txSeedOrg(t, seed, want[len(want)-1]),
		})),
	)

	partnerSeed := localregistry.DemoSeed()
	partner := txFindSeed(t, partnerSeed.Organisations, "organisation", localregistry.DemoPartnerOrgID, func(o *localregistry.SeedOrganisation) string { return o.ID })
	partnerReg := newTestRegistry(t, partnerSeed.Clone())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Another organisation, another list (possibly empty: that is not an error).
			Config:            partnerReg.ProviderConfig(localregistry.DemoPartnerToken) + txBlock(typ, ""),
			ConfigStateChecks: txListChecks("data."+typ+".test", records, ids(partner), len(ids(partner))),
		}, {
			PreConfig:         resetRequests(reg),
			Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + "\ndata \"" + typ + "\" \"all\" {}\n",
			ConfigStateChecks: checks,
			Check:             resource.ComposeAggregateTestCheckFunc(checkNoWrites(reg), checkPages(reg, path, url.Values{}, txPages(len(want)))),
		}, {
			PreConfig:         resetRequests(reg),
			Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + "\ndata \"" + typ + "\" \"limited\" {\n  limit = 2\n}\n",
			ConfigStateChecks: txListChecks(addr+"limited", records, want[:2], len(want)),
			Check:             checkPages(reg, path, url.Values{}, 1),
		}},
	})
}

func TestAccDataSourceBeneficiaries(t *testing.T) {
	txOrganisationListTest(t, "isometric_beneficiaries", "beneficiaries", "/registry/v0/beneficiaries", localregistry.DemoBeneficiaryOrgID,
		func(o *localregistry.SeedOrganisation) []string { return o.Beneficiaries })
}
