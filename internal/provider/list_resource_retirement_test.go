package provider

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestAccRetirementList lists more retirements than a page holds with each filter, a limit and
// Terraform's default limit, in the registry's order; a result carries the identity, a display
// name and, with include_resource, the state an import records (one retirement's arguments and
// record as Read derives them). The pages asked for are no larger than the limit still wants, and
// nothing is posted.
func TestAccRetirementList(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer, beneficiary := lr.DemoBuyerOrgID, lr.DemoBeneficiaryOrgID
	rl := seedList[lr.SeedRetirement]{t: t, x: reg.seed, items: seed.Retirements,
		at: func(r *lr.SeedRetirement) time.Time { return r.RetiredAt },
		id: func(r *lr.SeedRetirement) string { return r.ID },
	}
	owned := rl.ids(rl.list(func(r *lr.SeedRetirement) bool { return r.OwnerOrganisationID == buyer }))
	onBehalf := rl.ids(rl.list(func(r *lr.SeedRetirement) bool { return r.BeneficiaryOrganisationID == beneficiary }))
	visible := rl.ids(rl.list(func(r *lr.SeedRetirement) bool {
		return r.OwnerOrganisationID == buyer || r.BeneficiaryOrganisationID == buyer
	}))
	if len(owned) <= client.MaxPageSize || len(visible) < 55 || len(visible) > 100 {
		t.Fatalf("the seed has %d retirements of the buyer (%d visible), want more than a page and at most 100 visible", len(owned), len(visible))
	}
	demo := lr.DemoRetirementID
	byID := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(demo)})
	path := registryPath("/retirements")

	query := listBlock("isometric_retirement", "mine", true, 1000, fmt.Sprintf("    owner_organisation_id = %q", buyer)) +
		listBlock("isometric_retirement", "on_behalf", false, 1000, fmt.Sprintf("    beneficiary_organisation_id = %q", beneficiary)) +
		listBlock("isometric_retirement", "visible", false, 55, "") +
		listBlock("isometric_retirement", "none", false, 0, fmt.Sprintf("    beneficiary_organisation_id = %q", lr.DemoStrangerOrgID))
	resource.ParallelTest(t, queryCase(reg,
		resource.TestStep{
			Query:       true,
			Config:      listBlock("isometric_retirement", "bad", false, 0, `    owner_organisation_id = "org_short"`),
			ExpectError: errorText(`Invalid organisation ID "org_short"`, `starts with "org_"`),
		},
		resource.TestStep{
			PreConfig: resetRequests(reg),
			Query:     true,
			Config:    query,
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_retirement.mine", owned),
				queryIDs("isometric_retirement.on_behalf", onBehalf),
				queryIDs("isometric_retirement.visible", visible[:55]),
				queryIDs("isometric_retirement.none", nil),
				querycheck.ExpectIdentity("isometric_retirement.mine", map[string]knownvalue.Check{"id": knownvalue.StringExact(demo)}),
				querycheck.ExpectResourceDisplayName("isometric_retirement.mine", byID,
					knownvalue.StringExact(demo+": 2 t retired on behalf of Demo Buyer Ltd on 2025-02-01")),
				querycheck.ExpectResourceKnownValues("isometric_retirement.mine", byID, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(demo)},
					{Path: tfjsonpath.New("supplier_id"), KnownValue: knownvalue.StringExact(lr.DemoSupplierAID)},
					{Path: tfjsonpath.New("owner_organisation_id"), KnownValue: knownvalue.StringExact(buyer)},
					{Path: tfjsonpath.New("beneficiary_organisation_id"), KnownValue: knownvalue.StringExact(buyer)},
					{Path: tfjsonpath.New("credit_batch_quantities"), KnownValue: knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"credit_batch_id": knownvalue.StringExact(lr.DemoBatchA1Retired), "credit_quantity_kg": knownvalue.Int64Exact(2000)})})},
					{Path: tfjsonpath.New("credit_quantity_kg"), KnownValue: knownvalue.Int64Exact(2000)},
					{Path: tfjsonpath.New("vintage"), KnownValue: knownvalue.Int64Exact(2024)},
					{Path: tfjsonpath.New("order_id"), KnownValue: knownvalue.StringExact(lr.DemoOrderA1ID)},
					{Path: tfjsonpath.New("notes"), KnownValue: knownvalue.StringExact("Retired for our 2024 climate targets")},
					{Path: tfjsonpath.New("retirement_purposes"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("corporate_targets")})},
					{Path: tfjsonpath.New("credit_batches"), KnownValue: knownvalue.ListSizeExact(1)},
					{Path: tfjsonpath.New("allow_repeat"), KnownValue: knownvalue.Null()},
				}),
			},
		},
		resource.TestStep{
			// The documented example.
			Query: true,
			Config: exampleFile(t, "list-resources/isometric_retirement/list-resource.tfquery.hcl",
				exampleOrganisation, buyer, "org_1GB56M1ST1S0GVNA", beneficiary),
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_retirement.mine", owned),
				queryIDs("isometric_retirement.for_acme", onBehalf),
			},
		},
		resource.TestStep{
			// The requests of the two queries above: pages of 50 while the limit allows, then what it still wants.
			PreConfig: func() {
				want := map[string][]string{"owner_org_id": {"50", "50", "50", "50"}, "beneficiary_org_id": {"50", "50"}, "": {"50", "5"}}
				filters := map[string]url.Values{"owner_org_id": {"owner_org_id": {buyer}}, "beneficiary_org_id": {"beneficiary_org_id": {beneficiary}}, "": {}}
				for name, sizes := range want {
					if got := pageSizes(reg, path, filters[name]); !slices.Equal(got, sizes) {
						t.Errorf("GET /retirements with %v: page sizes %v, want %v", filters[name], got, sizes)
					}
				}
				reg.assertPOSTs(t, "", 0)
			},
			Config: reg.ProviderConfig(lr.DemoBuyerToken),
		},
	))
}
