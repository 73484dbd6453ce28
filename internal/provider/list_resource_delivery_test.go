package provider

import (
	"context"
	"fmt"
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

// TestAccDeliveryList lists more deliveries than a page holds by recipient, by supplier and by
// order (GET /orders/{id}/deliveries), with a limit, in the registry's order, with the identity,
// display name and (include_resource) the state an import records of a demo delivery; order_id
// conflicts with the other filters; nothing is posted.
func TestAccDeliveryList(t *testing.T) {
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	buyer, orders := lr.DemoBuyerOrgID, reg.seed.orders
	dl := seedList[lr.SeedDelivery]{t: t, x: reg.seed, items: seed.Deliveries,
		at: func(d *lr.SeedDelivery) time.Time { return d.DeliveredAt },
		id: func(d *lr.SeedDelivery) string { return d.ID },
	}
	list := func(keep func(*lr.SeedDelivery, *lr.SeedOrder) bool) []string {
		return dl.ids(dl.list(func(d *lr.SeedDelivery) bool { return keep(d, orders[d.OrderID]) }))
	}
	pagedOrder := pagedID("ord_", 0)
	toBuyer := list(func(_ *lr.SeedDelivery, o *lr.SeedOrder) bool { return o.BuyerOrganisationID == buyer })
	fromA := list(func(_ *lr.SeedDelivery, o *lr.SeedOrder) bool { return o.SupplierID == lr.DemoSupplierAID })
	ofOrder := list(func(d *lr.SeedDelivery, _ *lr.SeedOrder) bool { return d.OrderID == pagedOrder })
	if len(ofOrder) <= client.MaxPageSize || len(toBuyer) <= client.MaxPageSize {
		t.Fatalf("the seed has %d deliveries of order %s, want more than a page", len(ofOrder), pagedOrder)
	}
	demo := lr.DemoDeliveryA2ID
	batches, err := registryClient(t, reg, lr.DemoBuyerToken).ListDeliveryCreditBatches(context.Background(), demo)
	if err != nil || len(batches.Nodes) == 0 {
		t.Fatalf("the batches of %s: %v %v", demo, batches, err)
	}
	var recorded []knownvalue.Check
	for _, b := range batches.Nodes {
		recorded = append(recorded, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"credit_batch_id": knownvalue.StringExact(b.ID), "credit_quantity_kg": knownvalue.Int64Exact(b.Size.CreditKgs)}))
	}
	byID := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(demo)})

	query := listBlock("isometric_delivery", "to_buyer", true, 0, fmt.Sprintf("    to_organisation_id = %q", buyer)) +
		listBlock("isometric_delivery", "from_a", false, 0, fmt.Sprintf("    from_supplier_id = %q", lr.DemoSupplierAID)) +
		listBlock("isometric_delivery", "of_order", false, 1000, fmt.Sprintf("    order_id = %q", pagedOrder)) +
		listBlock("isometric_delivery", "limited", false, 3, fmt.Sprintf("    order_id = %q", pagedOrder))
	resource.ParallelTest(t, queryCase(reg,
		resource.TestStep{
			Query:       true,
			Config:      listBlock("isometric_delivery", "bad", false, 0, fmt.Sprintf("    order_id = %q\n    from_supplier_id = %q", pagedOrder, lr.DemoSupplierAID)),
			ExpectError: errorText("Invalid Attribute Combination", "order_id", "from_supplier_id"),
		},
		resource.TestStep{
			Query:       true,
			Config:      listBlock("isometric_delivery", "unknown", false, 0, `    order_id = "ord_1NOSUCHORDER00001"`),
			ExpectError: errorText("Cannot list the delivery records", "404 Not Found", "Order ord_1NOSUCHORDER00001 not found", "endpoint "+reg.APIEndpoint),
		},
		resource.TestStep{
			PreConfig: resetRequests(reg),
			Query:     true,
			Config:    query,
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_delivery.to_buyer", toBuyer),
				queryIDs("isometric_delivery.from_a", fromA),
				queryIDs("isometric_delivery.of_order", ofOrder),
				queryIDs("isometric_delivery.limited", ofOrder[:3]),
				querycheck.ExpectResourceDisplayName("isometric_delivery.to_buyer", byID,
					knownvalue.StringExact(demo+": 10 t from Demo Supplier A to Demo Buyer Ltd against order "+lr.DemoOrderA2ID+" on 2025-07-01")),
				querycheck.ExpectResourceKnownValues("isometric_delivery.to_buyer", byID, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(demo)},
					{Path: tfjsonpath.New("order_id"), KnownValue: knownvalue.StringExact(lr.DemoOrderA2ID)},
					{Path: tfjsonpath.New("credit_batch_quantities"), KnownValue: knownvalue.ListExact(recorded)},
					{Path: tfjsonpath.New("notes"), KnownValue: knownvalue.StringExact("Order A2, first 10 t")},
					{Path: tfjsonpath.New("credit_batch_size_total"), KnownValue: quantityCheck(10000)},
					{Path: tfjsonpath.New("to_organisation_id"), KnownValue: knownvalue.StringExact(buyer)},
					{Path: tfjsonpath.New("from_supplier_id"), KnownValue: knownvalue.StringExact(lr.DemoSupplierAID)},
				}),
			},
		},
		resource.TestStep{
			PreConfig: func() { reg.assertPOSTs(t, "", 0) },
			// The documented example.
			Query: true,
			Config: exampleFile(t, "list-resources/isometric_delivery/list-resource.tfquery.hcl",
				"ord_1EVB3M0ZS1S0J7GD", pagedOrder, "spl_1CC712KFS1S0YKPS", lr.DemoSupplierAID, exampleOrganisation, buyer),
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_delivery.order", ofOrder),
				queryIDs("isometric_delivery.to_buyer", list(func(_ *lr.SeedDelivery, o *lr.SeedOrder) bool {
					return o.SupplierID == lr.DemoSupplierAID && o.BuyerOrganisationID == buyer
				})),
			},
		},
	))
}
