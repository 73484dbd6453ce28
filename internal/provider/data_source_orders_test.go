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

// TestAccDataSourceOrders reads more orders than one page holds: the authenticated
// organisation's (default), an explicit organisation's, a supplier's, with a limit, in the
// registry's order (most recently placed first).
func TestAccDataSourceOrders(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer := localregistry.DemoBuyerOrgID
	ol := seedList[localregistry.SeedOrder]{t: t, x: reg.seed, items: seed.Orders,
		at: func(o *localregistry.SeedOrder) time.Time { return o.PlacedAt },
		id: func(o *localregistry.SeedOrder) string { return o.ID },
	}
	list := func(keep func(*localregistry.SeedOrder) bool) []string { return ol.ids(ol.list(keep)) }
	ofBuyer := list(func(o *localregistry.SeedOrder) bool { return o.BuyerOrganisationID == buyer })
	ofPaged := list(func(o *localregistry.SeedOrder) bool { return o.SupplierID == pagedSupplierID })
	ofA := list(func(o *localregistry.SeedOrder) bool { return o.SupplierID == localregistry.DemoSupplierAID })
	if len(ofBuyer) <= client.MaxPageSize {
		t.Fatalf("the seed has %d orders of the buyer, want more than a page", len(ofBuyer))
	}

	const addr = "data.isometric_orders."
	checks := append(expectList(addr+"mine", "orders", ofBuyer, len(ofBuyer)),
		// The authenticated organisation is filled in.
		statecheck.ExpectKnownValue(addr+"mine", tfjsonpath.New("organisation_id"), knownvalue.StringExact(buyer)),
		statecheck.ExpectKnownValue(addr+"mine", tfjsonpath.New("supplier_id"), knownvalue.Null()),
		// Order A2: 50 t ordered, 10 t delivered.
		statecheck.ExpectKnownValue(addr+"mine", tfjsonpath.New("orders"), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(ofBuyer, localregistry.DemoOrderA2ID): knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id":                 knownvalue.StringExact(localregistry.DemoOrderA2ID),
				"credits_ordered":    quantityCheck(50000),
				"credits_delivered":  quantityCheck(10000),
				"credits_remaining":  quantityCheck(40000),
				"buyer_organisation": seedOrgCheck(t, reg.seed, buyer),
				"supplier":           knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(localregistry.DemoSupplierAID)}),
			}),
		})),
	)
	checks = append(checks, expectList(addr+"explicit", "orders", ofBuyer, len(ofBuyer))...)
	checks = append(checks, expectList(addr+"limited", "orders", ofBuyer[:52], len(ofBuyer))...)
	checks = append(checks, expectList(addr+"supplier", "orders", ofPaged, len(ofPaged))...)
	checks = append(checks, statecheck.ExpectKnownValue(addr+"supplier", tfjsonpath.New("organisation_id"), knownvalue.Null()))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_orders", fmt.Sprintf(
				"organisation_id = %q\nsupplier_id = %q", buyer, pagedSupplierID)),
			ExpectError: errorText("Invalid Attribute Combination", "organisation_id", "supplier_id"),
		}, {
			// Another organisation's orders are not the buyer's to read.
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_orders", fmt.Sprintf(
				"organisation_id = %q", localregistry.DemoPartnerOrgID)),
			ExpectError: errorText("Cannot list orders", "403 Forbidden"),
		}, {
			// Supplier A sees the orders placed with it.
			Config: reg.ProviderConfig(localregistry.DemoSupplierAToken) + dataBlock("isometric_orders", fmt.Sprintf(
				"supplier_id = %q", localregistry.DemoSupplierAID)),
			ConfigStateChecks: expectList("data.isometric_orders.test", "orders", ofA, len(ofA)),
		}, {
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_orders" "mine" {}
data "isometric_orders" "explicit" {
  organisation_id = %[1]q
}
data "isometric_orders" "limited" {
  limit = 52
}
data "isometric_orders" "supplier" {
  supplier_id = %[2]q
}
`, buyer, pagedSupplierID),
			ConfigStateChecks: checks,
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				checkPages(reg, "/registry/v0/organisations/"+buyer+"/orders", url.Values{}, pagesFor(len(ofBuyer))),
				checkPages(reg, "/registry/v0/suppliers/"+pagedSupplierID+"/orders", url.Values{}, pagesFor(len(ofPaged))),
			),
		}},
	})
}
