package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

const deliveryAddr = "isometric_delivery.test"

// deliveryArgs are the arguments of a test delivery; zero fields take the defaults: supplier A
// delivers 12 t of DemoBatchA2Supplier1 (30 t, split) and all 25 t of DemoBatchA2Supplier2 against
// the open order A2 (50 t ordered, 10 t delivered), acting with supplier A's token.
type deliveryArgs struct {
	Token, Order, Notes string
	Batches             []client.CreditBatchQuantity
}

func deliveryConfig(reg *testRegistry, a deliveryArgs) string {
	if a.Token == "" {
		a.Token = lr.DemoSupplierAToken
	}
	if a.Order == "" {
		a.Order = lr.DemoOrderA2ID
	}
	if a.Batches == nil {
		a.Batches = []client.CreditBatchQuantity{
			{CreditBatchID: lr.DemoBatchA2Supplier1, CreditQuantityKg: 12000},
			{CreditBatchID: lr.DemoBatchA2Supplier2, CreditQuantityKg: 25000},
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"isometric_delivery\" \"test\" {\n  order_id = %q\n", a.Order)
	if a.Notes != "" {
		fmt.Fprintf(&b, "  notes = %q\n", a.Notes)
	}
	b.WriteString(batchQuantitiesHCL(a.Batches) + "}\n")
	return reg.ProviderConfig(a.Token) + b.String()
}

// newDeliveries returns the registry's deliveries that its seed does not hold.
func newDeliveries(reg *testRegistry) []client.Delivery {
	return newRecords(reg.Registry.AllDeliveries(), func(d client.Delivery) string { return d.ID }, reg.seed.deliveries)
}

// expectDefaultDeliveryInRegistry checks the registry after the default delivery: exactly one new
// delivery (the one in state) of 37 t against order A2, both batches (the left child of the split
// one) with the buyer carrying its delivery_id, the 18 t remainder with supplier A.
func expectDefaultDeliveryInRegistry(reg *testRegistry) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := resourceIDFromState(s, deliveryAddr)
		if err != nil {
			return err
		}
		ds := newDeliveries(reg)
		if len(ds) != 1 || ds[0].ID != id || ds[0].OrderID != lr.DemoOrderA2ID || ds[0].CreditBatchSizeTotal.CreditKgs != 37000 {
			return fmt.Errorf("registry deliveries = %+v, want exactly one: %s, order A2, 37000 kg", ds, id)
		}
		parent, _ := reg.Registry.CreditBatch(lr.DemoBatchA2Supplier1)
		left, _ := reg.Registry.CreditBatch(deref(parent.LeftChildID))
		right, _ := reg.Registry.CreditBatch(deref(parent.RightChildID))
		whole, _ := reg.Registry.CreditBatch(lr.DemoBatchA2Supplier2)
		for _, b := range []client.CreditBatch{left, whole} {
			if b.Owner.ID != lr.DemoBuyerOrgID || deref(b.DeliveryID) != id {
				return fmt.Errorf("batch %s: owner %s, delivery_id %s; want the buyer and %s", b.ID, b.Owner.ID, deref(b.DeliveryID), id)
			}
		}
		if parent.Status != client.CreditBatchStatusSplit || left.Size.CreditKgs != 12000 || right.Size.CreditKgs != 18000 || right.Owner.ID != lr.DemoSupplierAOrgID {
			return fmt.Errorf("split of %s: %s, left %d kg, right %d kg owned by %s", parent.ID, parent.Status, left.Size.CreditKgs, right.Size.CreditKgs, right.Owner.ID)
		}
		return nil
	}
}

func defaultDeliveryStateChecks(reg *testRegistry) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^dlv_`))),
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("delivered_at"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("url"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("from_supplier_id"), knownvalue.StringExact(lr.DemoSupplierAID)),
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("to_organisation_id"), knownvalue.StringExact(lr.DemoBuyerOrgID)),
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("credit_batch_size_total"), quantityCheck(37000)),
		statecheck.ExpectKnownValue(deliveryAddr, tfjsonpath.New("credit_batches"), knownvalue.SetPartial([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": leftChildOf(reg, lr.DemoBatchA2Supplier1), "kg": knownvalue.Int64Exact(12000)}),
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(lr.DemoBatchA2Supplier2), "kg": knownvalue.Int64Exact(25000)}),
		})),
	}
}

func TestAccDelivery_lifecycle(t *testing.T) {
	args := deliveryArgs{Notes: "Second tranche"}
	changedOrder := args
	changedOrder.Order = lr.DemoOrderA1ID
	testTransactionLifecycle(t, transactionLifecycleCase{
		addr: deliveryAddr, post: "/deliveries", records: "deliveries",
		config:      func(reg *testRegistry) string { return deliveryConfig(reg, args) },
		stateChecks: defaultDeliveryStateChecks,
		inRegistry:  expectDefaultDeliveryInRegistry,
		newRecords:  func(reg *testRegistry) int { return len(newDeliveries(reg)) },
		changes: func(reg *testRegistry) []resource.TestStep {
			return []resource.TestStep{{
				Config:      deliveryConfig(reg, changedOrder),
				ExpectError: errorText("Cannot change order_id of a recorded delivery"),
			}}
		},
		notFound: regexp.MustCompile(`Delivery dlv_\w+ not found in the registry`),
	})
}

func TestAccDelivery_planChecks(t *testing.T) {
	supplierBName := must(t, demoIndex().orgs[lr.DemoSupplierBOrgID], "organisation", lr.DemoSupplierBOrgID).Name
	cases := []configErrorCase[deliveryArgs]{
		{"quantity zero", deliveryArgs{Batches: oneBatch(lr.DemoBatchA2Supplier1, 0)}, "credit_batch_quantities[0].credit_quantity_kg: 0 kg: a quantity is at least 1 kg"},
		{"malformed order ID", deliveryArgs{Order: "ord_123"}, `Invalid order ID "ord_123"`},
		{"wrong prefix", deliveryArgs{Batches: oneBatch(lr.DemoOrderA2ID, 10)}, `Invalid credit batch ID "` + lr.DemoOrderA2ID + `"`},
		{"notes too long", deliveryArgs{Notes: strings.Repeat("n", 300)}, "notes: 300 characters, but at most 256 are allowed (the registry's limit). Shorten it by 44."},
		{"same batch twice", deliveryArgs{Batches: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA2Supplier1, CreditQuantityKg: 1}, {CreditBatchID: lr.DemoBatchA2Supplier1, CreditQuantityKg: 2}}},
			`credit batch "` + lr.DemoBatchA2Supplier1 + `" is listed twice in credit_batch_quantities (elements [0] and [1])`},
		{"unknown order", deliveryArgs{Order: "ord_1UNKNOWNORDER0001"}, "order_id: order ord_1UNKNOWNORDER0001 does not exist in"},
		{"unknown batch", deliveryArgs{Batches: oneBatch("ctb_1UNKNOWNBATCH0001", 10)}, "credit batch ctb_1UNKNOWNBATCH0001 does not exist in"},
		{"batch of the buyer", deliveryArgs{Batches: oneBatch(lr.DemoBatchA1Buyer1, 10)},
			"credit batch " + lr.DemoBatchA1Buyer1 + " (5000 kg (5.000 t)) is owned by organisation " + lr.DemoBuyerOrgID},
		{"above batch size", deliveryArgs{Batches: oneBatch(lr.DemoBatchA2Supplier2, 26000)},
			"26000 kg (26.000 t) requested from credit batch " + lr.DemoBatchA2Supplier2 + ", which holds only 25000 kg (25.000 t)"},
		{"above remaining", deliveryArgs{Batches: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA2Supplier1, CreditQuantityKg: 30000}, {CreditBatchID: lr.DemoBatchA2Supplier2, CreditQuantityKg: 10001}}},
			"credit_batch_quantities: the delivery totals 40001 kg (40.001 t), but order " + lr.DemoOrderA2ID + " (order_id) has only 40000 kg (40.000 t) left to deliver (ordered 50000 kg (50.000 t), delivered 10000 kg (10.000 t)). Lower the quantities to at most 40000 kg in total."},
		{"completed order", deliveryArgs{Order: lr.DemoOrderA1ID, Batches: oneBatch(lr.DemoBatchA2Supplier1, 10)},
			"the delivery totals 10 kg (0.010 t), but order " + lr.DemoOrderA1ID + " (order_id) has only 0 kg (0.000 t) left to deliver"},
		{"not the order's supplier", deliveryArgs{Token: lr.DemoBuyerToken},
			"order_id: order " + lr.DemoOrderA2ID + " was placed with supplier " + lr.DemoSupplierAID},
		{"another supplier's order", deliveryArgs{Token: lr.DemoSupplierBToken},
			"order_id: the registry does not let organisation " + lr.DemoSupplierBOrgID + " (" + supplierBName + "), which the access token acts as, see order " +
				lr.DemoOrderA2ID + " (403 Forbidden): the order was placed with another supplier, or by another buyer. Only the supplier an order was placed with can deliver against it"},
	}
	testConfigErrors(t, deliveryConfig, cases)

	// A batch of supplier B held by supplier A's organisation (as if transferred to it) cannot be
	// delivered against supplier A's order.
	t.Run("batch of another supplier", func(t *testing.T) {
		seed := lr.DemoSeed()
		must(t, indexSeed(seed).batches[lr.DemoBatchB1Supplier1], "credit batch", lr.DemoBatchB1Supplier1).OwnerOrganisationID = lr.DemoSupplierAOrgID
		reg := newTestRegistry(t, seed)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: deliveryConfig(reg, deliveryArgs{Batches: oneBatch(lr.DemoBatchB1Supplier1, 10)}),
				ExpectError: errorText("credit_batch_quantities[0].credit_batch_id: credit batch " + lr.DemoBatchB1Supplier1 + " comes from supplier " +
					lr.DemoSupplierBID + ", but order " + lr.DemoOrderA2ID + " (order_id) was placed with supplier " + lr.DemoSupplierAID),
			}},
		})
		reg.assertPOSTs(t, "", 0)
	})
}

// TestAccDelivery_ambiguousPost: committed but unanswered deliveries are found through the
// delivery_id their batches carry and recorded (the next apply sends nothing); a 503 before
// commit leaves nothing behind, and applying again once the fault is gone creates exactly one.
func TestAccDelivery_ambiguousPost(t *testing.T) {
	testAmbiguousPost(t, ambiguousPostCase{
		post:         "/deliveries",
		notCommitted: batchesUnchanged,
		world: func(reg *testRegistry) ambiguousPostWorld {
			return ambiguousPostWorld{
				config:      deliveryConfig(reg, deliveryArgs{}),
				stateChecks: defaultDeliveryStateChecks(reg),
				inRegistry:  expectDefaultDeliveryInRegistry(reg),
				untouched: func(t *testing.T) {
					if n := len(newDeliveries(reg)); n != 0 {
						t.Errorf("after a 503 the registry has %d new deliveries, want 0", n)
					}
				},
			}
		},
	})
}

// TestAccDelivery_identity: the identity of a delivery is its registry ID; an import block with
// it plans a no-op import; another kind of ID is refused (Terraform 1.12 and later).
func TestAccDelivery_identity(t *testing.T) {
	testIdentity(t, identityCase{addr: deliveryAddr, post: "/deliveries", config: func(reg *testRegistry) string {
		return deliveryConfig(reg, deliveryArgs{})
	}})
}

// TestAccDelivery_generatedConfig: `terraform plan -generate-config-out` of a delivery plans a
// no-op import (Terraform 1.14 and later).
func TestAccDelivery_generatedConfig(t *testing.T) {
	testGeneratedConfig(t, identityCase{addr: deliveryAddr, post: "/deliveries", config: func(reg *testRegistry) string {
		return deliveryConfig(reg, deliveryArgs{Notes: "generated"})
	}})
}
