package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// pairConfigs writes two resources, a (of typeA) and b (a retirement), in both plan orders: b depends on a, then a on b
// (Terraform plans and applies a resource after the ones it depends on), so that a test sees the
// provider decide the same whichever of the two it meets first.
func pairConfigs(reg *testRegistry, typeA, bodyA, bodyB string) map[string]string {
	const typeB = "isometric_retirement"
	write := func(depA, depB string) string {
		return reg.ProviderConfig(lr.DemoBuyerToken) +
			fmt.Sprintf("resource %q \"a\" {\n%s\n%s}\n", typeA, bodyA, depA) +
			fmt.Sprintf("resource %q \"b\" {\n%s\n%s}\n", typeB, bodyB, depB)
	}
	return map[string]string{
		"a_first": write("", fmt.Sprintf("  depends_on = [%s.a]\n", typeA)),
		"b_first": write(fmt.Sprintf("  depends_on = [%s.b]\n", typeB), ""),
	}
}

// testRefusedPair checks that the pair (a of typeA, b a retirement) is refused at plan time, in both orders, with the
// fragments of the error, and that the registry received no POST.
func testRefusedPair(t *testing.T, typeA, bodyA, bodyB string, fragments ...string) {
	for _, order := range []string{"a_first", "b_first"} {
		t.Run(order, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: pairConfigs(reg, typeA, bodyA, bodyB)[order], ExpectError: errorText(fragments...)}},
			})
			reg.assertPOSTs(t, "", 0)
		})
	}
}

// TestAccPlan_byBatchBeyondBatch: two by-batch retirements of 7500 kg from one 12 500 kg batch
// cannot both happen, in whichever order; the plan refuses the one that pushes it over.
func TestAccPlan_byBatchBeyondBatch(t *testing.T) {
	body := byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 7500, "")
	testRefusedPair(t, "isometric_retirement", body, body+`  notes = "second"`,
		"Credit batch claimed beyond its size by this plan",
		"credit_batch_quantities[0].credit_quantity_kg: 7500 kg (7.500 t) requested from credit batch "+lr.DemoBatchA1Buyer2+
			", which holds 12500 kg (12.500 t); together with the other creates of this plan that name it, the plan claims 15000 kg (15.000 t) of it",
		"Lower the quantities to at most 12500 kg (12.500 t) in total",
		"Other creates of this plan claim:", "7500 kg (7.500 t) from credit batch "+lr.DemoBatchA1Buyer2+": an isometric_retirement of 7500 kg")
}

// TestAccPlan_oldestFirstBeyondBalance: two oldest-first retirements of 20 000 kg against the
// buyer's 29 750 kg of supplier B.
func TestAccPlan_oldestFirstBeyondBalance(t *testing.T) {
	body := oldestFirstBody(lr.DemoSupplierBID, 20000, "")
	testRefusedPair(t, "isometric_retirement", body, body+`  notes = "second"`,
		"Credits claimed beyond the balance by this plan",
		"credit_quantity_kg: this plan claims 40000 kg (40.000 t) of the active credits of supplier "+lr.DemoSupplierBID+" owned by "+
			lr.DemoBuyerOrgID+", which hold 29750 kg (29.750 t)", "Lower the quantities by 10250 kg (10.250 t) in total",
		"20000 kg (20.000 t) oldest first from the active credits of supplier "+lr.DemoSupplierBID)
}

// TestAccPlan_transferAndRetirementOfOneBatch: a transfer and a retirement that together name
// more than the batch holds are refused in both orders.
func TestAccPlan_transferAndRetirementOfOneBatch(t *testing.T) {
	transfer := fmt.Sprintf("  to_organisation_id = %q\n  supplier_id = %q\n%s", lr.DemoPartnerOrgID, lr.DemoSupplierBID,
		batchQuantitiesHCL(oneBatch(lr.DemoBatchB1Buyer2, 1500)))
	testRefusedPair(t, "isometric_transfer", transfer, byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer2, 6000, ""),
		"Credit batch claimed beyond its size by this plan", "which holds 7250 kg (7.250 t)", "the plan claims 7500 kg (7.500 t) of it")
}

// TestAccPlan_namedBatchWithinOldestFirstReach: a by-batch retirement of 3000 kg of supplier A's
// oldest batch (5000 kg) and an oldest-first retirement of 3000 kg of supplier A: if the
// oldest-first one runs first it takes 3000 kg of that batch and the other fails, so the plan
// refuses the pair, in both orders, naming both.
func TestAccPlan_namedBatchWithinOldestFirstReach(t *testing.T) {
	testRefusedPair(t, "isometric_retirement", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 3000, ""),
		oldestFirstBody(lr.DemoSupplierAID, 3000, ""),
		"Outcome would depend on Terraform's order", "credit batch "+lr.DemoBatchA1Buyer1,
		"need 6000 kg (6.000 t) of it", "name the batches of the oldest-first retirement too", "terraform apply -target=ADDRESS",
		"Other creates of this plan claim:")
}

// TestAccPlan_namedBatchAndOldestFirstThatFit: the same pair with 1000 kg each fits in every
// order (the 5000 kg batch holds both), so both apply, whichever Terraform runs first, and the
// by-batch retirement's credits come from the named batch.
func TestAccPlan_namedBatchAndOldestFirstThatFit(t *testing.T) {
	for _, order := range []string{"a_first", "b_first"} {
		t.Run(order, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: pairConfigs(reg, "isometric_retirement", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 1000, ""),
						oldestFirstBody(lr.DemoSupplierAID, 1000, ""))[order],
					Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 1),
						reg.expectPOSTs("/retirements/from_oldest_credits", 1), checkNewRetirements(reg, 2),
						func(s *terraform.State) error {
							id := s.RootModule().Resources["isometric_retirement.a"].Primary.Attributes["credit_batches.0.id"]
							b := registryBatch(t, reg, id)
							if b.Size.CreditKgs != 1000 || b.Status != client.CreditBatchStatusRetired {
								return fmt.Errorf("by-batch retirement's batch %s: %s, %d kg; want retired, 1000 kg", id, b.Status, b.Size.CreditKgs)
							}
							for up := b; up.ParentID != nil; {
								if *up.ParentID == lr.DemoBatchA1Buyer1 {
									return nil
								}
								up = registryBatch(t, reg, *up.ParentID)
							}
							return fmt.Errorf("by-batch retirement's batch %s is not a part of %s", id, lr.DemoBatchA1Buyer1)
						}),
				}},
			})
		})
	}
}

// TestAccPlan_overlappingPools: an oldest-first retirement of supplier A's 2024 credits (17 500 kg,
// all of them) and one of any vintage (10 000 kg): the second may take the oldest credits, which
// are the 2024 ones, first; refused whichever the provider plans first, naming both, 0 POSTs.
func TestAccPlan_overlappingPools(t *testing.T) {
	testRefusedPair(t, "isometric_retirement", oldestFirstBody(lr.DemoSupplierAID, 17500, "  vintage = 2024\n"),
		oldestFirstBody(lr.DemoSupplierAID, 10000, ""),
		"Credits claimed beyond the balance by this plan",
		"this plan claims 27500 kg (27.500 t) of the active credits of supplier "+lr.DemoSupplierAID+" owned by "+lr.DemoBuyerOrgID+
			" of vintage 2024, which hold 17500 kg (17.500 t)", "another oldest-first retirement may take these credits first",
		"Lower the quantities by 10000 kg (10.000 t) in total", "Other creates of this plan claim:")
}

// TestAccPlan_thirtyOldestFirst: 30 oldest-first retirements of 1000 kg against 29 750 kg are
// refused as a whole at plan time: nothing is sent.
func TestAccPlan_thirtyOldestFirst(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + "resource \"isometric_retirement\" \"r\" {\n  count = 30\n" +
		oldestFirstBody(lr.DemoSupplierBID, 1000, "") + "}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: cfg, ExpectError: errorText("Credits claimed beyond the balance by this plan",
			"this plan claims 30000 kg (30.000 t)", "which hold 29750 kg (29.750 t)", "Lower the quantities by 250 kg (0.250 t) in total")}},
	})
	reg.assertPOSTs(t, "", 0)
}

// TestAccPlan_sharedBatch: two retirements of 5000 kg from one 12 500 kg batch fit: both happen
// in one apply, the second from the batch's remaining part (the right child of the first split),
// and the next plan is empty. Importing the second into a configuration that names the original
// batch plans no change.
func TestAccPlan_sharedBatch(t *testing.T) {
	reg := newTestRegistry(t, nil)
	body := byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 5000, "")
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) +
		"resource \"isometric_retirement\" \"a\" {\n" + body + "  notes = \"first\"\n}\n" +
		"resource \"isometric_retirement\" \"b\" {\n" + body + "  notes = \"second\"\n}\n"
	var secondID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("isometric_retirement.a", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(5000)),
					statecheck.ExpectKnownValue("isometric_retirement.b", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(5000)),
					// the state keeps the batch as configured
					statecheck.ExpectKnownValue("isometric_retirement.b", tfjsonpath.New("credit_batch_quantities"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"credit_batch_id": knownvalue.StringExact(lr.DemoBatchA1Buyer2), "credit_quantity_kg": knownvalue.Int64Exact(5000)})})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 2), checkNewRetirements(reg, 2),
					func(s *terraform.State) error {
						secondID = s.RootModule().Resources["isometric_retirement.b"].Primary.ID
						return checkSharedBatch(reg)
					}),
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	// A new configuration adopts the second retirement, naming the original batch.
	imported := reg.ProviderConfig(lr.DemoBuyerToken) + "resource \"isometric_retirement\" \"b\" {\n" + body + "  notes = \"second\"\n}\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: imported, ResourceName: "isometric_retirement.b", ImportState: true, ImportStateKind: resource.ImportBlockWithID,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return secondID, nil },
		}},
	})
	reg.assertPOSTs(t, "/retirements", 2)
}

// checkSharedBatch checks the registry's records after two 5000 kg retirements of the 12 500 kg
// batch: it was split, its remaining part split again, and the two left children are retired by
// the two retirements; 2500 kg stay active with the buyer.
func checkSharedBatch(reg *testRegistry) error {
	parent, _ := reg.Registry.CreditBatch(lr.DemoBatchA1Buyer2)
	if parent.Status != client.CreditBatchStatusSplit || parent.RightChildID == nil {
		return fmt.Errorf("batch %s: status %s, want split with a right child", parent.ID, parent.Status)
	}
	rest, _ := reg.Registry.CreditBatch(*parent.RightChildID)
	if rest.Status != client.CreditBatchStatusSplit || rest.RightChildID == nil || rest.LeftChildID == nil {
		return fmt.Errorf("remaining part %s: status %s, want split again", rest.ID, rest.Status)
	}
	last, _ := reg.Registry.CreditBatch(*rest.RightChildID)
	if last.Status != client.CreditBatchStatusActive || last.Size.CreditKgs != 2500 || last.Owner.ID != lr.DemoBuyerOrgID {
		return fmt.Errorf("last part %s: %s, %d kg, owner %s; want active, 2500 kg, the buyer", last.ID, last.Status, last.Size.CreditKgs, last.Owner.ID)
	}
	for _, id := range []string{*parent.LeftChildID, *rest.LeftChildID} {
		b, _ := reg.Registry.CreditBatch(id)
		if b.Status != client.CreditBatchStatusRetired || b.Size.CreditKgs != 5000 || b.RetirementID == nil {
			return fmt.Errorf("part %s: %s, %d kg; want retired, 5000 kg", id, b.Status, b.Size.CreditKgs)
		}
	}
	return nil
}

// TestAccPlan_remainingPartOfEarlierApply: a retirement naming a batch that an earlier operation
// split uses the batch's remaining part, and the plan says so.
func TestAccPlan_remainingPartOfEarlierApply(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := retirementHCL(reg, byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Split, 1500, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 1), func(*terraform.State) error {
					right, _ := reg.Registry.CreditBatch(lr.DemoBatchB1SplitRight)
					if right.Status != client.CreditBatchStatusSplit || right.LeftChildID == nil {
						return fmt.Errorf("remaining part %s: %s, want split by the retirement", right.ID, right.Status)
					}
					left, _ := reg.Registry.CreditBatch(*right.LeftChildID)
					if left.Status != client.CreditBatchStatusRetired || left.Size.CreditKgs != 1500 {
						return fmt.Errorf("retired part %s: %s, %d kg", left.ID, left.Status, left.Size.CreditKgs)
					}
					return nil
				}),
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	// The plan's warning names the part that will be used.
	var diags diag.Diagnostics
	pd := testProviderData(t, newTestRegistry(t, nil))
	checkBatches(t.Context(), pd, oneBatch(lr.DemoBatchB1Split, 1500), batchCheck{Attribute: path.Root("credit_batch_quantities"),
		Verb: "retire", Owner: lr.DemoBuyerOrgID}, &diags)
	w := onlyDiag(t, diags, diag.SeverityWarning)
	wantContains(t, "warning", w.Detail(), "credit batch "+lr.DemoBatchB1Split+" was split by an earlier operation; the request will retire 1500 kg (1.500 t) from its remaining part "+lr.DemoBatchB1SplitRight)
}

// TestPlanLedger_orders: deliveries against one order fit its remaining quantity together, and a
// released claim (its create ran) no longer counts.
func TestPlanLedger_orders(t *testing.T) {
	order := &client.Order{ID: "ord_1TESTORDER0000001", CreditsOrdered: client.CreditQuantity{CreditKgs: 50000},
		CreditsDelivered: client.CreditQuantity{CreditKgs: 10000}}
	l := newPlanLedger()
	op := func(key string, kg int64) *claimOp {
		return &claimOp{Key: key, Who: "delivery " + key, Order: order, OrderKg: kg, Path: path.Root("credit_batch_quantities")}
	}
	var diags diag.Diagnostics
	l.claim(op("one", 25000), &diags)
	if diags.HasError() {
		t.Fatalf("first claim: %v", diags)
	}
	l.claim(op("two", 25000), &diags)
	d := onlyDiag(t, diags, diag.SeverityError)
	wantContains(t, "order error", d.Detail(), "the deliveries of this plan against order ord_1TESTORDER0000001 total 50000 kg (50.000 t), "+
		"but it has only 40000 kg (40.000 t) left to deliver (ordered 50000 kg (50.000 t), delivered 10000 kg (10.000 t)). "+
		"Lower the quantities by 10000 kg (10.000 t) in total.", "25000 kg (25.000 t): delivery one")
	l.release("one")
	diags = nil
	l.claim(op("two", 25000), &diags)
	if diags.HasError() {
		t.Errorf("after release: %v", diags)
	}
}

// TestAccPlan_concurrentCreatesShareBatch: five retirements of 2000 kg from one 12 500 kg batch,
// applied concurrently, all happen: each POST waits for the previous one and takes its credits
// from the batch's remaining part; the registry refuses none of them.
func TestAccPlan_concurrentCreatesShareBatch(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + "resource \"isometric_retirement\" \"r\" {\n  count = 5\n" +
		byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 2000, "") + "\n  notes = \"part ${count.index}\"\n}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 5), checkNewRetirements(reg, 5),
					func(*terraform.State) error {
						for _, q := range reg.Registry.Requests() {
							if q.Method == "POST" && q.Status != 201 && q.Status != 200 {
								return fmt.Errorf("POST %s answered %d: %s", q.Path, q.Status, q.Body)
							}
						}
						return nil
					}),
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccPlan_showsTotals: the plan of a create shows its total: in kg for a retirement (its
// credit_quantity_kg, in both modes), in kg and tonnes for a transfer.
func TestAccPlan_showsTotals(t *testing.T) {
	reg := newTestRegistry(t, nil)
	transfer := fmt.Sprintf("  to_organisation_id = %q\n  supplier_id = %q\n%s", lr.DemoPartnerOrgID, lr.DemoSupplierBID,
		batchQuantitiesHCL(oneBatch(lr.DemoBatchB1Buyer2, 1500)))
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) +
		"resource \"isometric_retirement\" \"tiny\" {\n" + oldestFirstBody(lr.DemoSupplierAID, 10, "") + "}\n" +
		"resource \"isometric_retirement\" \"batch\" {\n" + byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer1, 2500, "") + "}\n" +
		"resource \"isometric_transfer\" \"t\" {\n" + transfer + "}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue("isometric_retirement.tiny", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(10)),
				plancheck.ExpectKnownValue("isometric_retirement.batch", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(2500)),
				plancheck.ExpectKnownValue("isometric_transfer.t", tfjsonpath.New("credit_batch_size_total"), quantityCheck(1500)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("isometric_retirement.tiny", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(10)),
			},
		}},
	})
}
