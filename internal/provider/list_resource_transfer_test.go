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

// TestAccTransferList lists more transfers than a page holds by sender, by recipient, by both and
// with a limit, in the registry's order, with the identity, display name and (include_resource)
// the state an import records of the demo transfer; nothing is posted.
func TestAccTransferList(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer, partner := lr.DemoBuyerOrgID, lr.DemoPartnerOrgID
	tl := seedList[lr.SeedTransfer]{t: t, x: reg.seed, items: seed.Transfers,
		at: func(x *lr.SeedTransfer) time.Time { return x.TransferredAt },
		id: func(x *lr.SeedTransfer) string { return x.ID },
	}
	sent := tl.ids(tl.list(func(x *lr.SeedTransfer) bool { return x.FromOrganisationID == buyer }))
	received := tl.ids(tl.list(func(x *lr.SeedTransfer) bool { return x.ToOrganisationID == buyer }))
	toPartner := tl.ids(tl.list(func(x *lr.SeedTransfer) bool { return x.FromOrganisationID == buyer && x.ToOrganisationID == partner }))
	visible := tl.ids(tl.list(func(x *lr.SeedTransfer) bool { return x.FromOrganisationID == buyer || x.ToOrganisationID == buyer }))
	if len(visible) <= client.MaxPageSize {
		t.Fatalf("the seed has %d transfers of the buyer, want more than a page", len(visible))
	}
	demo := lr.DemoTransferID
	byID := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(demo)})

	query := listBlock("isometric_transfer", "sent", true, 0, fmt.Sprintf("    from_organisation_id = %q", buyer)) +
		listBlock("isometric_transfer", "received", false, 0, fmt.Sprintf("    to_organisation_id = %q", buyer)) +
		listBlock("isometric_transfer", "to_partner", false, 0, fmt.Sprintf("    from_organisation_id = %q\n    to_organisation_id = %q", buyer, partner)) +
		listBlock("isometric_transfer", "all", false, 51, "")
	resource.ParallelTest(t, queryCase(reg,
		resource.TestStep{
			Query:       true,
			Config:      listBlock("isometric_transfer", "bad", false, 0, `    to_organisation_id = "spl_1DEMOSUPPLIERA01"`),
			ExpectError: errorText(`Invalid organisation ID "spl_1DEMOSUPPLIERA01"`, `starts with "org_"`),
		},
		resource.TestStep{
			PreConfig: resetRequests(reg),
			Query:     true,
			Config:    query,
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_transfer.sent", sent),
				queryIDs("isometric_transfer.received", received),
				queryIDs("isometric_transfer.to_partner", toPartner),
				queryIDs("isometric_transfer.all", visible[:51]),
				querycheck.ExpectResourceDisplayName("isometric_transfer.sent", byID,
					knownvalue.StringExact(demo+": 4 t from Demo Buyer Ltd to Demo Partner Co on 2025-01-10")),
				querycheck.ExpectResourceKnownValues("isometric_transfer.sent", byID, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(demo)},
					{Path: tfjsonpath.New("from_organisation_id"), KnownValue: knownvalue.StringExact(buyer)},
					{Path: tfjsonpath.New("to_organisation_id"), KnownValue: knownvalue.StringExact(partner)},
					{Path: tfjsonpath.New("supplier_id"), KnownValue: knownvalue.StringExact(lr.DemoSupplierAID)},
					{Path: tfjsonpath.New("notes"), KnownValue: knownvalue.StringExact("Credits for our partner")},
					{Path: tfjsonpath.New("credit_batch_quantities"), KnownValue: knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"credit_batch_id": knownvalue.StringExact(lr.DemoBatchA1Partner), "credit_quantity_kg": knownvalue.Int64Exact(4000)})})},
					{Path: tfjsonpath.New("credit_batch_size_total"), KnownValue: quantityCheck(4000)},
					{Path: tfjsonpath.New("transferred_at"), KnownValue: knownvalue.StringExact("2025-01-10T12:00:00Z")},
				}),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				path := registryPath("/transfers")
				for _, c := range []struct {
					filter url.Values
					sizes  []string
				}{
					{url.Values{"from_organisation_id": {buyer}}, []string{"50"}},
					{url.Values{"to_organisation_id": {buyer}}, []string{"50"}},
					{url.Values{}, []string{"50", "1"}},
				} {
					if got := pageSizes(reg, path, c.filter); !slices.Equal(got, c.sizes) {
						t.Errorf("GET /transfers with %v: page sizes %v, want %v", c.filter, got, c.sizes)
					}
				}
				reg.assertPOSTs(t, "", 0)
			},
			// The documented example.
			Query: true,
			Config: exampleFile(t, "list-resources/isometric_transfer/list-resource.tfquery.hcl",
				exampleOrganisation, buyer, "org_1DKZ1QXP51S0B4RA", partner),
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_transfer.sent", sent),
				queryIDs("isometric_transfer.from_partner", tl.ids(tl.list(func(x *lr.SeedTransfer) bool {
					return x.FromOrganisationID == partner && x.ToOrganisationID == buyer
				}))),
			},
		},
	))
}
