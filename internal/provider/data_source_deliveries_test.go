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

// TestAccDataSourceDeliveries reads more deliveries than one page holds: by supplier, by
// recipient, by order (GET /orders/{id}/deliveries), with a limit and with a filter that matches
// nothing, in the registry's order.
func TestAccDataSourceDeliveries(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer := localregistry.DemoBuyerOrgID
	orders := reg.seed.orders
	dl := seedList[localregistry.SeedDelivery]{t: t, x: reg.seed, items: seed.Deliveries,
		at:      func(d *localregistry.SeedDelivery) time.Time { return d.DeliveredAt },
		id:      func(d *localregistry.SeedDelivery) string { return d.ID },
		batches: func(d *localregistry.SeedDelivery) []string { return d.CreditBatchIDs },
	}
	list := func(keep func(*localregistry.SeedDelivery, *localregistry.SeedOrder) bool) []*localregistry.SeedDelivery {
		return dl.list(func(d *localregistry.SeedDelivery) bool { return keep(d, orders[d.OrderID]) })
	}
	ids, sumKg := dl.ids, dl.sumKg
	pagedOrder := pagedID("ord_", 0)
	toBuyer := list(func(_ *localregistry.SeedDelivery, o *localregistry.SeedOrder) bool {
		return o.BuyerOrganisationID == buyer
	})
	fromPaged := list(func(_ *localregistry.SeedDelivery, o *localregistry.SeedOrder) bool {
		return o.SupplierID == pagedSupplierID
	})
	fromA := list(func(_ *localregistry.SeedDelivery, o *localregistry.SeedOrder) bool {
		return o.SupplierID == localregistry.DemoSupplierAID && o.BuyerOrganisationID == buyer
	})
	ofOrder := list(func(d *localregistry.SeedDelivery, _ *localregistry.SeedOrder) bool { return d.OrderID == pagedOrder })
	ofOrderA2 := list(func(d *localregistry.SeedDelivery, _ *localregistry.SeedOrder) bool {
		return d.OrderID == localregistry.DemoOrderA2ID
	})
	if len(ofOrder) <= client.MaxPageSize {
		t.Fatalf("the seed has %d deliveries of order %s, want more than a page", len(ofOrder), pagedOrder)
	}
	demo := findRecord(t, reg.Registry.AllDeliveries(), "delivery", localregistry.DemoDeliveryA2ID, func(d client.Delivery) string { return d.ID })

	const addr = "data.isometric_deliveries."
	checks := append(expectList(addr+"to_buyer", "deliveries", ids(toBuyer), len(toBuyer)),
		expectTotal(addr+"to_buyer", sumKg(toBuyer)),
		// Order A2's only delivery: the 10 t delivered so far.
		statecheck.ExpectKnownValue(addr+"order_a2", tfjsonpath.New("deliveries"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":                      knownvalue.StringExact(localregistry.DemoDeliveryA2ID),
				"delivered_at":            rfc3339Check(demo.DeliveredAt),
				"order_id":                knownvalue.StringExact(localregistry.DemoOrderA2ID),
				"from_supplier":           knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(localregistry.DemoSupplierAID)}),
				"to_organisation":         seedOrgCheck(t, reg.seed, buyer),
				"credit_batch_size_total": quantityCheck(10000),
				"url":                     knownvalue.StringExact(demo.URL),
				"notes":                   stringOrNull(demo.Notes),
			}),
		})),
		expectTotal(addr+"order_a2", 10000),
	)
	checks = append(checks, expectList(addr+"order_a2", "deliveries", ids(ofOrderA2), len(ofOrderA2))...)
	checks = append(checks, expectList(addr+"from_paged", "deliveries", ids(fromPaged), len(fromPaged))...)
	checks = append(checks, expectList(addr+"from_a_to_buyer", "deliveries", ids(fromA), len(fromA))...)
	checks = append(checks, expectList(addr+"of_order", "deliveries", ids(ofOrder), len(ofOrder))...)
	checks = append(checks, expectTotal(addr+"of_order", sumKg(ofOrder)))
	checks = append(checks, expectList(addr+"limited", "deliveries", ids(ofOrder[:3]), len(ofOrder))...)
	checks = append(checks, expectList(addr+"none", "deliveries", nil, 0)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_deliveries", fmt.Sprintf(
				"order_id = %q\nfrom_supplier_id = %q", localregistry.DemoOrderA2ID, localregistry.DemoSupplierAID)),
			ExpectError: errorText("Invalid Attribute Combination", "order_id", "from_supplier_id"),
		}, {
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_deliveries", `order_id = "dlv_1DEMODELIVERYA01"`),
			ExpectError: errorText(`Invalid order ID "dlv_1DEMODELIVERYA01"`, `starts with "ord_"`),
		}, {
			// An unknown order is an error naming it and the registry in use (an empty list is not).
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock("isometric_deliveries", `order_id = "ord_1NOSUCHORDER00001"`),
			ExpectError: errorText("Cannot list deliveries", "404 Not Found", "Order ord_1NOSUCHORDER00001 not found",
				"endpoint "+reg.APIEndpoint),
		}, {
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_deliveries" "to_buyer" {
  to_organisation_id = %[1]q
}
data "isometric_deliveries" "from_paged" {
  from_supplier_id = %[2]q
}
data "isometric_deliveries" "from_a_to_buyer" {
  from_supplier_id   = %[3]q
  to_organisation_id = %[1]q
}
data "isometric_deliveries" "of_order" {
  order_id = %[4]q
}
data "isometric_deliveries" "order_a2" {
  order_id = %[5]q
}
data "isometric_deliveries" "limited" {
  order_id = %[4]q
  limit    = 3
}
data "isometric_deliveries" "none" {
  to_organisation_id = %[6]q
}
`, buyer, pagedSupplierID, localregistry.DemoSupplierAID, pagedOrder, localregistry.DemoOrderA2ID, localregistry.DemoStrangerOrgID),
			ConfigStateChecks: checks,
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				checkPages(reg, "/registry/v0/deliveries", url.Values{"to_organisation_id": {buyer}}, pagesFor(len(toBuyer))),
				checkPages(reg, "/registry/v0/deliveries", url.Values{"from_supplier_id": {pagedSupplierID}}, pagesFor(len(fromPaged))),
			),
		}},
	})
}
