package provider

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// txICRNewestFirst orders ICR retirements as the ICR lists them: createdAt descending, later seed
// entries first among equal times.
func txICRNewestFirst(seed *localregistry.Seed, keep func(*localregistry.ICRRetirement) bool) []*localregistry.ICRRetirement {
	var out []*localregistry.ICRRetirement
	for i := len(seed.ICR.Retirements) - 1; i >= 0; i-- {
		if keep(seed.ICR.Retirements[i]) {
			out = append(out, seed.ICR.Retirements[i])
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].CreatedAt > out[b].CreatedAt })
	return out
}

// checkICRPages checks that every read of GET /icr/v1/retirements asked for pages 1..pages, in
// pages of client.MaxPageSize, and never beyond.
func checkICRPages(reg *testRegistry, pages int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		count := map[int]int{}
		for _, r := range reg.Registry.Requests() {
			if r.Method != "GET" || r.Path != "/icr/v1/retirements" {
				continue
			}
			q, _ := url.ParseQuery(r.Query)
			if q.Get("limit") != strconv.Itoa(client.MaxPageSize) {
				return fmt.Errorf("GET %s?%s: want limit=%d", r.Path, r.Query, client.MaxPageSize)
			}
			page, _ := strconv.Atoi(q.Get("page"))
			count[page]++
		}
		for p := 1; p <= pages; p++ {
			if count[p] == 0 || count[p] != count[1] {
				return fmt.Errorf("ICR pages requested %v, want pages 1..%d once per read", count, pages)
			}
		}
		if len(count) != pages {
			return fmt.Errorf("ICR pages requested %v, want pages 1..%d only", count, pages)
		}
		return nil
	}
}

// TestAccDataSourceICRRetirements reads more ICR retirements than one page holds (following the
// ICR's page/limit pagination), one entity's, with a limit, an entity without retirements, and
// checks the errors: a malformed entity ID and a provider without ICR access.
func TestAccDataSourceICRRetirements(t *testing.T) {
	const typ = "isometric_icr_retirements"
	seed := txPagedSeed(t)
	reg := newTestRegistry(t, seed.Clone())
	ids := func(rs []*localregistry.ICRRetirement) []string {
		return txIDs(rs, func(r *localregistry.ICRRetirement) string { return r.ID })
	}
	all := txICRNewestFirst(seed, func(*localregistry.ICRRetirement) bool { return true })
	ofEntity := txICRNewestFirst(seed, func(r *localregistry.ICRRetirement) bool {
		return r.OrganizationID == localregistry.DemoICREntityID || r.OrganizationOwner.ID == localregistry.DemoICREntityID
	})
	if len(all) <= client.MaxPageSize || len(ofEntity) <= client.MaxPageSize || len(ofEntity) == len(all) {
		t.Fatalf("the seed has %d ICR retirements, %d of the demo entity: want more than a page, and others", len(all), len(ofEntity))
	}
	demo := txSeedICRRetirement(t, seed, localregistry.DemoICRRetirementID)
	generated := txSeedICRRetirement(t, seed, fmt.Sprintf("00000000-0000-4000-8000-%012d", 7))
	withICR := reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, localregistry.DemoICRToken)

	const addr = "data." + typ + "."
	checks := append(txListChecks(addr+"all", "retirements", ids(all), len(all)),
		statecheck.ExpectKnownValue(addr+"all", tfjsonpath.New("retirements"), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(ids(all), demo.ID): txICRRetirement(t, demo),
			// 12345678901234567.007: more digits than a float64 holds, kept exactly.
			indexOf(ids(all), generated.ID): knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"amount": knownvalue.NumberExact(txDecimal(t, "12345678901234567.007")),
			}),
		})),
	)
	checks = append(checks, txListChecks(addr+"entity", "retirements", ids(ofEntity), len(ofEntity))...)
	checks = append(checks, txListChecks(addr+"entity_limited", "retirements", ids(ofEntity[:5]), len(ofEntity))...)
	checks = append(checks, txListChecks(addr+"none", "retirements", nil, 0)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			txMissingICRStep(reg, typ, ""),
			{
				Config:      withICR + txBlock(typ, `entity_id = "a/b"`),
				ExpectError: errorFor(`Invalid entity_id "a/b"`, "an ICR ID is a single token"),
			},
			{
				// A wrong ICR token: the error names the ICR endpoint.
				Config:      reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, "wrong-icr-token") + txBlock(typ, ""),
				ExpectError: errorFor("Cannot list retirements", "401 Unauthorized", "ICR API at "+reg.ICREndpoint),
			},
			{
				PreConfig: resetRequests(reg),
				Config: withICR + fmt.Sprintf(`
data "isometric_icr_retirements" "all" {}
data "isometric_icr_retirements" "entity" {
  entity_id = %[1]q
}
data "isometric_icr_retirements" "entity_limited" {
  entity_id = %[1]q
  limit     = 5
}
data "isometric_icr_retirements" "none" {
  entity_id = "00000000-0000-0000-0000-000000000000"
}
`, localregistry.DemoICREntityID),
				ConfigStateChecks: checks,
				Check:             resource.ComposeAggregateTestCheckFunc(checkNoWrites(reg), checkICRPages(reg, 2)),
			},
			{
				PreConfig:         resetRequests(reg),
				Config:            withICR + "\ndata \"isometric_icr_retirements\" \"limited\" {\n  limit = 3\n}\n",
				ConfigStateChecks: txListChecks(addr+"limited", "retirements", ids(all[:3]), len(all)),
				Check:             checkICRPages(reg, 1),
			},
		},
	})
}
