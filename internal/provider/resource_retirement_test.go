package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

const retAddr = "isometric_retirement.test"

// retirementHCL is a provider block acting as the demo buyer plus an isometric_retirement "test"
// with the given body.
func retirementHCL(reg *testRegistry, body string) string {
	return reg.ProviderConfig(lr.DemoBuyerToken) + "\nresource \"isometric_retirement\" \"test\" {\n" + body + "\n}\n"
}

// byBatchBody retires kg of one batch of supplier for the given purposes plus extra lines.
func byBatchBody(supplier, batch string, kg int64, extra string) string {
	return fmt.Sprintf(`  supplier_id             = %q
  credit_batch_quantities = [{ credit_batch_id = %q, credit_quantity_kg = %d }]
  retirement_purposes     = ["corporate_targets"]
%s`, supplier, batch, kg, extra)
}

// oldestFirstBody retires kg from the oldest credits of supplier plus extra lines.
func oldestFirstBody(supplier string, kg int64, extra string) string {
	return fmt.Sprintf(`  supplier_id         = %q
  credit_quantity_kg  = %d
  retirement_purposes = ["public_environmental_claims"]
%s`, supplier, kg, extra)
}

// newRetirements are the registry's retirements that its seed does not hold.
func newRetirements(reg *testRegistry) []client.Retirement {
	return newRecords(reg.Registry.AllRetirements(), func(r client.Retirement) string { return r.ID }, reg.seed.retirements)
}

// checkOneRetirement checks that the registry holds exactly one new retirement and that it is the
// one in state; then check(ret) for more.
func checkOneRetirement(reg *testRegistry, check func(s *terraform.State, ret client.Retirement) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		created := newRetirements(reg)
		if len(created) != 1 {
			return fmt.Errorf("registry: want exactly 1 new retirement, got %d: %+v", len(created), created)
		}
		rs := s.RootModule().Resources[retAddr]
		if rs == nil {
			return fmt.Errorf("%s not in state", retAddr)
		}
		if rs.Primary.ID != created[0].ID {
			return fmt.Errorf("state id %q, registry's new retirement %q", rs.Primary.ID, created[0].ID)
		}
		if check != nil {
			return check(s, created[0])
		}
		return nil
	}
}

// checkNewRetirements checks that the registry holds exactly n new retirements (whatever the state holds).
func checkNewRetirements(reg *testRegistry, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if created := newRetirements(reg); len(created) != n {
			return fmt.Errorf("registry: want %d new retirements, got %d: %+v", n, len(created), created)
		}
		return nil
	}
}

// stateValue checks the attribute name of isometric_retirement.test.
func stateValue(name string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(retAddr, tfjsonpath.New(name), check)
}

// TestAccRetirement_byBatchPartial retires part of a batch for a beneficiary: one POST, the state
// records the registry's retirement (left child of the batch, kg and tonnes, derived vintage and
// order), the registry split the batch, and a second plan is empty with no POST.
func TestAccRetirement_byBatchPartial(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := retirementHCL(reg, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 1500, fmt.Sprintf(`
  beneficiary_organisation_id = %q
  notes                       = "Retired with care."`, lr.DemoBeneficiaryOrgID)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(retAddr, plancheck.ResourceActionCreate),
					// defaults resolved at plan time
					plancheck.ExpectKnownValue(retAddr, tfjsonpath.New("owner_organisation_id"), knownvalue.StringExact(lr.DemoBuyerOrgID)),
					plancheck.ExpectKnownValue(retAddr, tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(1500)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("id", knownvalue.StringRegexp(regexp.MustCompile(`^ret_[0-9A-Za-z]{16,33}$`))),
					stateValue("owner_organisation_id", knownvalue.StringExact(lr.DemoBuyerOrgID)),
					stateValue("beneficiary_organisation_id", knownvalue.StringExact(lr.DemoBeneficiaryOrgID)),
					stateValue("credit_quantity_kg", knownvalue.Int64Exact(1500)),
					stateValue("credit_batch_quantities", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"credit_batch_id": knownvalue.StringExact(lr.DemoBatchA1Buyer1), "credit_quantity_kg": knownvalue.Int64Exact(1500)})})),
					stateValue("vintage", knownvalue.Int64Exact(2024)),
					stateValue("order_id", knownvalue.StringExact(lr.DemoOrderA1ID)),
					stateValue("notes", knownvalue.StringExact("Retired with care.")),
					stateValue("retirement_purposes", knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("corporate_targets")})),
					stateValue("url", knownvalue.StringRegexp(regexp.MustCompile(`^https?://`))),
					stateValue("retired_at", knownvalue.NotNull()),
					stateValue("credit_batches", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"project_id":  knownvalue.StringExact(lr.DemoProjectA1ID),
						"issuance_id": knownvalue.StringExact(lr.DemoIssuanceA1ID), "kg": knownvalue.Int64Exact(1500),
						"serial_number": knownvalue.NotNull()})})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					reg.expectPOSTs(retirementsPath, 1),
					reg.expectPOSTs("", 1),
					checkOneRetirement(reg, func(s *terraform.State, ret client.Retirement) error {
						parent := registryBatch(t, reg, lr.DemoBatchA1Buyer1)
						if parent.Status != client.CreditBatchStatusSplit || parent.LeftChildID == nil {
							return fmt.Errorf("registry: batch %s should be split, is %+v", parent.ID, parent)
						}
						left := registryBatch(t, reg, *parent.LeftChildID)
						if left.Status != client.CreditBatchStatusRetired || deref(left.RetirementID) != ret.ID || left.Size.CreditKgs != 1500 {
							return fmt.Errorf("registry: left child %s should be retired by %s with 1500 kg, is %+v", left.ID, ret.ID, left)
						}
						if right := registryBatch(t, reg, *parent.RightChildID); right.Status != client.CreditBatchStatusActive || right.Size.CreditKgs != 3500 {
							return fmt.Errorf("registry: right child should be active with 3500 kg, is %+v", right)
						}
						if got := s.RootModule().Resources[retAddr].Primary.Attributes["credit_batches.0.id"]; got != left.ID {
							return fmt.Errorf("state credit_batches.0.id = %q, registry's retired batch %s", got, left.ID)
						}
						if ret.Beneficiary.ID != lr.DemoBeneficiaryOrgID || deref(ret.Notes) != "Retired with care." || ret.CreditBatchSizeTotal.CreditKgs != 1500 {
							return fmt.Errorf("registry: unexpected retirement %+v", ret)
						}
						return nil
					}),
				),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            reg.expectPOSTs("", 1),
			},
		},
	})
}

// TestAccRetirement_oldestFirst retires from the oldest credits of a vintage: one POST to
// /retirements/from_oldest_credits; the state records the batches the registry chose.
func TestAccRetirement_oldestFirst(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := retirementHCL(reg, oldestFirstBody(lr.DemoSupplierAID, 6000, "  vintage = 2024"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("credit_quantity_kg", knownvalue.Int64Exact(6000)),
					stateValue("vintage", knownvalue.Int64Exact(2024)),
					stateValue("order_id", knownvalue.StringExact(lr.DemoOrderA1ID)),
					stateValue("beneficiary_organisation_id", knownvalue.StringExact(lr.DemoBuyerOrgID)),
					stateValue("credit_quantity_kg", knownvalue.Int64Exact(6000)),
					stateValue("credit_batches", knownvalue.ListSizeExact(2)),
					stateValue("credit_batch_quantities", knownvalue.ListSizeExact(2)),
					stateValue("notes", knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					reg.expectPOSTs(oldestFirstPath, 1),
					reg.expectPOSTs("", 1),
					checkOneRetirement(reg, func(s *terraform.State, ret client.Retirement) error {
						// The oldest batch of supplier A is retired whole, the rest comes from the next one.
						if b := registryBatch(t, reg, lr.DemoBatchA1Buyer1); b.Status != client.CreditBatchStatusRetired || deref(b.RetirementID) != ret.ID {
							return fmt.Errorf("registry: %s should be retired by %s, is %+v", b.ID, ret.ID, b)
						}
						attrs := s.RootModule().Resources[retAddr].Primary.Attributes
						var sum int64
						for i := 0; i < 2; i++ {
							id := attrs[fmt.Sprintf("credit_batch_quantities.%d.credit_batch_id", i)]
							b := registryBatch(t, reg, id)
							if deref(b.RetirementID) != ret.ID {
								return fmt.Errorf("state batch %s is not retired by %s in the registry", id, ret.ID)
							}
							sum += b.Size.CreditKgs
						}
						if sum != 6000 || ret.CreditBatchSizeTotal.CreditKgs != 6000 {
							return fmt.Errorf("retired %d kg in batches, %d kg in the retirement; want 6000", sum, ret.CreditBatchSizeTotal.CreditKgs)
						}
						return nil
					}),
				),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            reg.expectPOSTs("", 1),
			},
			// The oldest-first record imports by ID with every attribute equal (vintage and order are derived).
			{ResourceName: retAddr, ImportState: true, ImportStateVerify: true},
			{ResourceName: retAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

// TestAccRetirement_changesFail: every argument change of a created retirement fails the plan on
// that attribute (never a replace), and no second POST is ever sent.
func TestAccRetirement_changesFail(t *testing.T) {
	reg := newTestRegistry(t, nil)
	base := byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer1, 2000, `  notes = "first"`)
	step := func(body, attr string) resource.TestStep {
		return resource.TestStep{
			Config: retirementHCL(reg, body),
			ExpectError: errorText("Cannot change "+attr+" of a recorded retirement", "recorded permanently in the Isometric Registry",
				"never replaces it", "declare another isometric_retirement", "removed {", "destroy = false", "terraform state rm"),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: retirementHCL(reg, base), Check: reg.expectPOSTs("", 1)},
			step(byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer1, 2000, `  notes = "second"`), "notes"),
			step(byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer1, 2500, `  notes = "first"`), "credit_batch_quantities"),
			step(byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer2, 2000, `  notes = "first"`), "credit_batch_quantities"),
			step(strings.Replace(base, "corporate_targets", "insetting", 1), "retirement_purposes"),
			step(base+fmt.Sprintf("\n  beneficiary_organisation_id = %q", lr.DemoBeneficiaryOrgID), "beneficiary_organisation_id"),
			step(byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer1, 2000, ""), "notes"),
			// Same arguments with the defaults spelled out: no change; a timeouts block is not an argument.
			{
				Config:           retirementHCL(reg, base+fmt.Sprintf("\n  owner_organisation_id = %q\n  beneficiary_organisation_id = %q", lr.DemoBuyerOrgID, lr.DemoBuyerOrgID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: retirementHCL(reg, base+"\n  timeouts {\n    read = \"2m\"\n  }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(retAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(retAddr, tfjsonpath.New("url"), knownvalue.NotNull()),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 1), reg.expectOnlyReads(1)),
			},
		},
	})
}

// TestAccRetirement_destroyKeepsRecord: destroy sends no mutating request and the registry keeps
// the retirement; a `removed` block with destroy = false forgets it the same way.
func TestAccRetirement_destroyKeepsRecord(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := retirementHCL(reg, byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer2, 7250, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: checkOneRetirement(reg, nil)},
			{Config: cfg, Destroy: true},
		},
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			reg.expectOnlyReads(1),
			func(*terraform.State) error {
				created := newRetirements(reg)
				if len(created) != 1 {
					return fmt.Errorf("registry should still hold the retirement, new retirements: %+v", created)
				}
				if b := registryBatch(t, reg, lr.DemoBatchB1Buyer2); b.Status != client.CreditBatchStatusRetired || deref(b.RetirementID) != created[0].ID {
					return fmt.Errorf("registry: batch should stay retired by %s: %+v", created[0].ID, b)
				}
				return nil
			},
		),
	})
}

// TestAccRetirement_removedBlock: a removed block with lifecycle { destroy = false } stops
// managing the retirement without any request that mutates.
func TestAccRetirement_removedBlock(t *testing.T) {
	reg := newTestRegistry(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: retirementHCL(reg, byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer2, 250, ""))},
			{
				Config: reg.ProviderConfig(lr.DemoBuyerToken) + `
removed {
  from = isometric_retirement.test
  lifecycle {
    destroy = false
  }
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectOnlyReads(1), checkNewRetirements(reg, 1),
					func(s *terraform.State) error {
						if s.RootModule().Resources[retAddr] != nil {
							return fmt.Errorf("%s should have left the state", retAddr)
						}
						return nil
					}),
			},
		},
	})
}

// TestAccRetirement_import: a whole-batch retirement imports by ID with every attribute equal; a
// partial one imports with an import block and a config naming the parent batch, with no changes
// (the registry records the left child).
func TestAccRetirement_import(t *testing.T) {
	reg := newTestRegistry(t, nil)
	whole := retirementHCL(reg, byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer2, 7250, `  notes = "whole"`))
	partial := retirementHCL(reg, byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Buyer1, 1234, fmt.Sprintf(`
  beneficiary_organisation_id = %q`, lr.DemoBeneficiaryOrgID)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: whole},
			{ResourceName: retAddr, ImportState: true, ImportStateVerify: true},
			{ResourceName: retAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{Config: whole, Destroy: true},
			{Config: partial},
			{
				ResourceName: retAddr, ImportState: true, ImportStateVerify: true,
				// The registry records the left child the retirement split off the configured batch.
				ImportStateVerifyIgnore: []string{"credit_batch_quantities.0.credit_batch_id"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					parent := registryBatch(t, reg, lr.DemoBatchB1Buyer1)
					if got := states[0].Attributes["credit_batch_quantities.0.credit_batch_id"]; parent.LeftChildID == nil || got != *parent.LeftChildID {
						return fmt.Errorf("imported credit_batch_quantities.0.credit_batch_id = %q, want the left child of %s (%v)", got, parent.ID, parent.LeftChildID)
					}
					return nil
				},
			},
			// An import block with the config naming the parent batch plans no change.
			{ResourceName: retAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				Config:           partial,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            reg.expectPOSTs("", 2),
			},
			// Import IDs are checked.
			{ResourceName: retAddr, ImportState: true, ImportStateId: "tfr_1FJGWSY271S0QSMR",
				ExpectError: errorText(`Invalid retirement import ID "tfr_1FJGWSY271S0QSMR"`)},
		},
	})
}

// TestAccRetirement_importExisting imports a retirement made outside Terraform (the demo's) with
// an import block and a matching config: no changes, no POST.
func TestAccRetirement_importExisting(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + fmt.Sprintf(`
import {
  to = isometric_retirement.test
  id = %q
}

resource "isometric_retirement" "test" {
  supplier_id                 = %q
  credit_batch_quantities     = [{ credit_batch_id = %q, credit_quantity_kg = 1000 }]
  retirement_purposes         = ["public_environmental_claims"]
  beneficiary_organisation_id = %q
}
`, lr.DemoRetirementB1ID, lr.DemoSupplierBID, lr.DemoBatchB1Split, lr.DemoBeneficiaryOrgID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(retAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateValue("id", knownvalue.StringExact(lr.DemoRetirementB1ID)),
					stateValue("credit_batch_quantities", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"credit_batch_id": knownvalue.StringExact(lr.DemoBatchB1SplitLeft), "credit_quantity_kg": knownvalue.Int64Exact(1000)})})),
					stateValue("credit_quantity_kg", knownvalue.Int64Exact(1000)),
					stateValue("vintage", knownvalue.Int64Exact(2025)),
				},
				Check: reg.expectOnlyReads(0),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            reg.expectOnlyReads(0),
			},
		},
	})
}

// TestAccRetirement_notFoundIsError: when the provider points at another registry (another
// environment), refreshing a known retirement is an error naming the endpoint, and the resource
// stays in state (back on the right registry the plan is empty: no second POST).
func TestAccRetirement_notFoundIsError(t *testing.T) {
	reg := newTestRegistry(t, nil)
	other := newTestRegistry(t, nil)
	body := byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA2Buyer1, 100, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: retirementHCL(reg, body)},
			{
				Config: retirementHCL(other, body),
				ExpectError: regexp.MustCompile(`(?s)Retirement ret_\w+ not found in the registry.*` + regexp.QuoteMeta(other.APIEndpoint) +
					`.*another\s+environment.*another\s+organisation`),
			},
			{
				Config:           retirementHCL(reg, body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 1), other.expectPOSTs("", 0)),
			},
		},
	})
}

// TestAccRetirement_staticChecks: validators and ValidateConfig refuse malformed configurations.
func TestAccRetirement_staticChecks(t *testing.T) {
	a1 := lr.DemoBatchA1Buyer1
	testConfigErrors(t, retirementHCL, []configErrorCase[string]{
		{"quantity_zero", byBatchBody(lr.DemoSupplierAID, a1, 0, ""), "credit_batch_quantities[0].credit_quantity_kg: 0 kg: a quantity is at least 1 kg (1 credit = 1 tonne = 1000 kg)"},
		{"quantity_fraction", oldestFirstBody(lr.DemoSupplierAID, 0, "")[0:0] + fmt.Sprintf("  supplier_id = %q\n  credit_quantity_kg = 1000.5\n  retirement_purposes = [\"other\"]", lr.DemoSupplierAID),
			"credit_quantity_kg: 1000.5 is not a whole number of kilograms; the registry counts in whole kg, so round it first (for example with floor()). " +
				"Quantities are whole kilograms (1 credit = 1 tonne = 1000 kg); a quantity in tonnes with up to 3 decimals is written provider::isometric::tonnes_to_kg(\"12.5\")"},
		{"oldest_first_quantity_negative", oldestFirstBody(lr.DemoSupplierAID, -5, ""), "credit_quantity_kg: -5 kg: a quantity is at least 1 kg"},
		{"supplier_wrong_prefix", byBatchBody("sup_1DEMOSUPPLIERA01", a1, 10, ""),
			`supplier_id: a supplier ID starts with "spl_" and is 20 to 37 characters long`},
		{"batch_wrong_prefix", byBatchBody(lr.DemoSupplierAID, "ret_1DEMOBATCHA1B001", 10, ""),
			`a credit batch ID starts with "ctb_"`},
		{"batch_too_short", byBatchBody(lr.DemoSupplierAID, "ctb_1SHORT", 10, ""), `(this one has 10)`},
		{"owner_malformed", byBatchBody(lr.DemoSupplierAID, a1, 10, `  owner_organisation_id = "org_x"`), `an organisation ID starts with "org_"`},
		{"beneficiary_wrong_prefix", byBatchBody(lr.DemoSupplierAID, a1, 10, `  beneficiary_organisation_id = "spl_1DEMOSUPPLIERA01"`),
			`beneficiary_organisation_id: an organisation ID starts with "org_"`},
		{"order_wrong_prefix", oldestFirstBody(lr.DemoSupplierAID, 10, `  order_id = "dlv_1DEMODELIVERYA01"`), `an order ID starts with "ord_"`},
		{"notes_too_long", byBatchBody(lr.DemoSupplierAID, a1, 10, fmt.Sprintf("  notes = %q", strings.Repeat("n", 257))),
			"notes: 257 characters, but at most 256 are allowed (the registry's limit). Shorten it by 1."},
		{"purposes_empty", strings.Replace(byBatchBody(lr.DemoSupplierAID, a1, 10, ""), `["corporate_targets"]`, `[]`, 1),
			"retirement_purposes is empty: give at least one retirement purpose, from `corporate_targets`, `public_environmental_claims`, `insetting`, `regulatory_requirement` or `other`."},
		{"purpose_unknown", strings.Replace(byBatchBody(lr.DemoSupplierAID, a1, 10, ""), `"corporate_targets"`, `"greenwashing"`, 1),
			"retirement_purposes: \"greenwashing\" is not a retirement purpose; use one of `corporate_targets`, `public_environmental_claims`, `insetting`, `regulatory_requirement` or `other`."},
		{"purpose_empty_string", strings.Replace(byBatchBody(lr.DemoSupplierAID, a1, 10, ""), `"corporate_targets"`, `""`, 1),
			`retirement_purposes: "" is not a retirement purpose`},
		{"same_batch_twice", fmt.Sprintf(`  supplier_id = %q
  credit_batch_quantities = [
    { credit_batch_id = %q, credit_quantity_kg = 10 },
    { credit_batch_id = %q, credit_quantity_kg = 20 },
  ]
  retirement_purposes = ["other"]`, lr.DemoSupplierAID, a1, a1),
			fmt.Sprintf(`credit batch %q is listed twice in credit_batch_quantities (elements [0] and [1])`, a1)},
		{"both_modes", byBatchBody(lr.DemoSupplierAID, a1, 10, "  credit_quantity_kg = 10"),
			"credit_batch_quantities and credit_quantity_kg are both set. A retirement has exactly one mode"},
		// What -generate-config-out writes back with CLIs that do not ask the provider (before Terraform 1.14, OpenTofu).
		{"both_modes_generated", byBatchBody(lr.DemoSupplierAID, a1, 10, "  credit_quantity_kg = 10\n  vintage = 2024\n  order_id = \""+lr.DemoOrderA1ID+"\""),
			"Configuration generated with -generate-config-out by Terraform before 1.14 or by OpenTofu holds both modes of an imported " +
				"retirement: keep credit_batch_quantities (the batches the registry recorded) and remove credit_quantity_kg, vintage and order_id."},
		{"no_mode", fmt.Sprintf("  supplier_id = %q\n  retirement_purposes = [\"other\"]", lr.DemoSupplierAID),
			"Neither credit_batch_quantities nor credit_quantity_kg is set. A retirement has exactly one mode"},
		{"vintage_too_old", oldestFirstBody(lr.DemoSupplierAID, 10, "  vintage = 1899"), "vintage: 1899 is outside 1900 to 2100: give a vintage (the year the carbon was sequestered, for example 2024) from 1900 to 2100."},
		{"vintage_too_new", oldestFirstBody(lr.DemoSupplierAID, 10, "  vintage = 2101"), "vintage: 2101 is outside 1900 to 2100"},
		{"vintage_with_batches", byBatchBody(lr.DemoSupplierAID, a1, 10, "  vintage = 2024"),
			"vintage selects credits in the oldest-first mode (credit_quantity_kg)"},
	})
}

// TestAccRetirement_registryChecks: the plan checks the request against the registry and refuses
// what the registry would refuse, on the attribute that caused it, before any POST.
func TestAccRetirement_registryChecks(t *testing.T) {
	unknownBatch := "ctb_1DOESNOTEXIST0001"
	partnerName := must(t, demoIndex().orgs[lr.DemoPartnerOrgID], "organisation", lr.DemoPartnerOrgID).Name
	supplierAName := must(t, demoIndex().orgs[lr.DemoSupplierAOrgID], "organisation", lr.DemoSupplierAOrgID).Name
	testConfigErrors(t, retirementHCL, []configErrorCase[string]{
		{"unknown_batch", byBatchBody(lr.DemoSupplierAID, unknownBatch, 10, ""),
			fmt.Sprintf("credit_batch_quantities[0].credit_batch_id: credit batch %s does not exist in the registry at endpoint", unknownBatch)},
		{"split_batch", byBatchBody(lr.DemoSupplierBID, lr.DemoBatchB1Split, 2500, ""),
			fmt.Sprintf("credit_batch_quantities[0].credit_quantity_kg: 2500 kg (2.500 t) requested from credit batch %s, which an earlier operation split: "+
				"its remaining part %s holds only 2000 kg (2.000 t). Lower the quantity to at most 2000", lr.DemoBatchB1Split, lr.DemoBatchB1SplitRight)},
		{"retired_batch", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Retired, 10, ""),
			fmt.Sprintf("credit batch %s (2000 kg (2.000 t)) is already `retired` (retirement %s)", lr.DemoBatchA1Retired, lr.DemoRetirementID)},
		{"batch_of_another_organisation", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Partner, 10, ""),
			fmt.Sprintf("credit_batch_quantities[0].credit_batch_id: credit batch %s (4000 kg (4.000 t)) is owned by organisation %s (%s), not by %s (owner_organisation_id). Only its owner can retire it",
				lr.DemoBatchA1Partner, lr.DemoPartnerOrgID, partnerName, lr.DemoBuyerOrgID)},
		{"quantity_above_batch", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 6000, ""),
			fmt.Sprintf("credit_batch_quantities[0].credit_quantity_kg: 6000 kg (6.000 t) requested from credit batch %s, which holds only 5000 kg (5.000 t). Lower the quantity to at most 5000",
				lr.DemoBatchA1Buyer1)},
		{"batch_of_another_supplier", fmt.Sprintf(`  supplier_id = %q
  credit_batch_quantities = [
    { credit_batch_id = %q, credit_quantity_kg = 10 },
    { credit_batch_id = %q, credit_quantity_kg = 10 },
  ]
  retirement_purposes = ["other"]`, lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, lr.DemoBatchB1Buyer1),
			fmt.Sprintf("credit_batch_quantities[1].credit_batch_id: credit batch %s (10 kg (0.010 t) requested of 20000 kg (20.000 t)) comes from supplier %s, but supplier_id is %s",
				lr.DemoBatchB1Buyer1, lr.DemoSupplierBID, lr.DemoSupplierAID)},
		{"oldest_first_above_balance", oldestFirstBody(lr.DemoSupplierAID, 27501, ""),
			fmt.Sprintf("credit_quantity_kg: 27501 kg (27.501 t) requested, but organisation %s (owner_organisation_id) holds only 27500 kg (27.500 t) of active credits of supplier %s.",
				lr.DemoBuyerOrgID, lr.DemoSupplierAID)},
		{"oldest_first_unknown_supplier", oldestFirstBody("spl_1DOESNOTEXIST0001", 1000, ""),
			"supplier_id: supplier spl_1DOESNOTEXIST0001 does not exist in the registry at endpoint"},
		{"oldest_first_supplier_without_credits", oldestFirstBody(lr.DemoSupplierAID, 1000, "  vintage = 2019"),
			fmt.Sprintf("supplier_id: organisation %s (owner_organisation_id) holds no active credits of supplier %s (%s) of vintage 2019, "+
				"so an oldest-first retirement of 1000 kg (1.000 t) has nothing to retire", lr.DemoBuyerOrgID, lr.DemoSupplierAID, supplierAName)},
		{"oldest_first_above_vintage_balance", oldestFirstBody(lr.DemoSupplierAID, 17501, "  vintage = 2024"),
			fmt.Sprintf("holds only 17500 kg (17.500 t) of active credits of supplier %s of vintage 2024.", lr.DemoSupplierAID)},
		{"oldest_first_above_order_balance", oldestFirstBody(lr.DemoSupplierAID, 10001, fmt.Sprintf("  order_id = %q", lr.DemoOrderA2ID)),
			fmt.Sprintf("holds only 10000 kg (10.000 t) of active credits of supplier %s delivered through order %s.", lr.DemoSupplierAID, lr.DemoOrderA2ID)},
		{"beneficiary_not_allowed", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 10, fmt.Sprintf("  beneficiary_organisation_id = %q", lr.DemoStrangerOrgID)),
			fmt.Sprintf("beneficiary_organisation_id: organisation %s is neither the owner of the credits (%s, owner_organisation_id) nor one of the acting organisation's beneficiaries",
				lr.DemoStrangerOrgID, lr.DemoBuyerOrgID)},
		// The owner must be the acting organisation: the registry answers anything else with a 422 at apply.
		{"owner_not_acting", byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 10, fmt.Sprintf("  owner_organisation_id = %q", lr.DemoPartnerOrgID)),
			fmt.Sprintf("owner_organisation_id: the registry retires credits of the organisation the access token acts as only, %s, not %s. "+
				"Remove owner_organisation_id (it defaults to %s), or configure the provider with an access token of organisation %s",
				lr.DemoBuyerOrgID, lr.DemoPartnerOrgID, lr.DemoBuyerOrgID, lr.DemoPartnerOrgID)},
		{"owner_not_acting_oldest_first", oldestFirstBody(lr.DemoSupplierAID, 10, fmt.Sprintf("  owner_organisation_id = %q", lr.DemoPartnerOrgID)),
			fmt.Sprintf("owner_organisation_id: the registry retires credits of the organisation the access token acts as only, %s, not %s.",
				lr.DemoBuyerOrgID, lr.DemoPartnerOrgID)},
	})
}

// runFaultCases runs the ambiguous-POST fault matrix (testAmbiguousPost) on a retirement of body
// created by a POST on apiPath; wantNotCommitted is the error text after a 503 before the commit.
func runFaultCases(t *testing.T, apiPath, body, wantNotCommitted string) {
	t.Helper()
	testAmbiguousPost(t, ambiguousPostCase{
		post:         apiPath,
		notCommitted: wantNotCommitted,
		world: func(reg *testRegistry) ambiguousPostWorld {
			return ambiguousPostWorld{
				config:     retirementHCL(reg, body),
				inRegistry: checkOneRetirement(reg, nil),
				untouched: func(t *testing.T) {
					if err := checkNewRetirements(reg, 0)(nil); err != nil {
						t.Error(err)
					}
				},
			}
		},
	})
}

// TestAccRetirement_faultsByBatch: ambiguous POST /retirements outcomes are resolved from the
// requested batch (its left child carries the retirement_id).
func TestAccRetirement_faultsByBatch(t *testing.T) {
	runFaultCases(t, retirementsPath, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 2500, ""),
		"The registry shows that nothing was committed: every requested credit batch is unchanged (still active, same size, no retirement_id): "+
			fmt.Sprintf("- credit batch %s is unchanged (active, 12500 kg (12.500 t), owned by %s)", lr.DemoBatchA1Buyer2, lr.DemoBuyerOrgID)+
			" It answered the request with an error, so it has finished with it. Nothing was recorded in the Terraform state. It is safe to run terraform apply again.")
}

// TestAccRetirement_faultsOldestFirst: ambiguous POST /retirements/from_oldest_credits outcomes
// are resolved from the owner's recent retirements.
func TestAccRetirement_faultsOldestFirst(t *testing.T) {
	runFaultCases(t, oldestFirstPath, oldestFirstBody(lr.DemoSupplierBID, 3000, `  notes = "oldest first"`),
		fmt.Sprintf("and the active balance of supplier %s is unchanged at 29750 kg (29.750 t). It answered the request with an error, so it has finished with it. Nothing was recorded in the Terraform state. "+
			"It is safe to run terraform apply again.", lr.DemoSupplierBID))
}

// TestAccRetirement_checksWithUnknownValues: values known only at apply (here from terraform_data)
// hold back only the checks that need them: the others still fail the plan, and the held-back ones
// run in Create right before the request, which then is never sent.
func TestAccRetirement_checksWithUnknownValues(t *testing.T) {
	unknownHCL := func(reg *testRegistry, value, body string) string {
		return reg.ProviderConfig(lr.DemoBuyerToken) + fmt.Sprintf(`
resource "terraform_data" "later" {
  input = %q
}

resource "isometric_retirement" "test" {
%s
}
`, value, body)
	}
	cases := []struct {
		name, value, body, want string
		planOnly                bool
	}{
		{"supplier_checked_at_apply", lr.DemoSupplierBID,
			fmt.Sprintf(`  supplier_id = terraform_data.later.output
  credit_batch_quantities = [{ credit_batch_id = %q, credit_quantity_kg = 10 }]
  retirement_purposes = ["other"]`, lr.DemoBatchA1Buyer1),
			fmt.Sprintf("comes from supplier %s, but supplier_id is %s", lr.DemoSupplierAID, lr.DemoSupplierBID), false},
		{"beneficiary_checked_at_apply", lr.DemoStrangerOrgID,
			byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 10, "  beneficiary_organisation_id = terraform_data.later.output"),
			fmt.Sprintf("beneficiary_organisation_id: organisation %s is neither the owner of the credits", lr.DemoStrangerOrgID), false},
		{"batches_checked_at_plan_despite_unknown_beneficiary", lr.DemoBeneficiaryOrgID,
			byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 5001, "  beneficiary_organisation_id = terraform_data.later.output"),
			fmt.Sprintf("5001 kg (5.001 t) requested from credit batch %s, which holds only 5000 kg (5.000 t)", lr.DemoBatchA1Buyer1), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: unknownHCL(reg, tc.value, tc.body), PlanOnly: tc.planOnly, ExpectError: errorText(tc.want)},
					{Config: reg.ProviderConfig(lr.DemoBuyerToken), Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 0), checkNewRetirements(reg, 0))},
				},
			})
		})
	}
}

// TestAccRetirement_createTimeoutWithoutAnswer: the registry takes longer than the create timeout;
// the provider gives up waiting, never sends the request again, asks the registry (which committed
// nothing) and fails without recording anything, advising to check before applying again.
func TestAccRetirement_createTimeoutWithoutAnswer(t *testing.T) {
	reg := newTestRegistry(t, nil)
	reg.Registry.AddFault(lr.Fault{Method: "POST", Path: registryPath(retirementsPath), Latency: 5 * time.Second, Times: 1})
	cfg := retirementHCL(reg, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 700, "  timeouts {\n    create = \"2s\"\n  }"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: errorText("The retirement was not carried out (as far as the registry shows)"),
			},
			{
				Config: reg.ProviderConfig(lr.DemoBuyerToken),
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs(retirementsPath, 1), checkNewRetirements(reg, 0),
					func(*terraform.State) error {
						if b := registryBatch(t, reg, lr.DemoBatchA1Buyer2); b.Status != client.CreditBatchStatusActive || b.Size.CreditKgs != 12500 {
							return fmt.Errorf("registry: batch should be untouched, is %+v", b)
						}
						return nil
					}),
			},
		},
	})
}

// TestAccRetirement_changesFailOldestFirst: the oldest-first arguments are immutable too, including
// the computed ones once set in config (vintage, order_id, the other mode's batches); the same
// retirement described in by-batch mode with the recorded batches plans no change.
func TestAccRetirement_changesFailOldestFirst(t *testing.T) {
	reg := newTestRegistry(t, nil)
	base := oldestFirstBody(lr.DemoSupplierAID, 5000, "")
	changed := func(body, attr string) resource.TestStep {
		return resource.TestStep{
			Config:      retirementHCL(reg, body),
			ExpectError: errorText("Cannot change " + attr + " of a recorded retirement"),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: retirementHCL(reg, base), ConfigStateChecks: []statecheck.StateCheck{
				// the oldest batch of supplier A holds exactly 5000 kg: retired whole, from order A1, vintage 2024
				stateValue("credit_batch_quantities", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"credit_batch_id": knownvalue.StringExact(lr.DemoBatchA1Buyer1), "credit_quantity_kg": knownvalue.Int64Exact(5000)})})),
				stateValue("vintage", knownvalue.Int64Exact(2024)),
				stateValue("order_id", knownvalue.StringExact(lr.DemoOrderA1ID)),
			}},
			changed(oldestFirstBody(lr.DemoSupplierAID, 5001, ""), "credit_quantity_kg"),
			changed(oldestFirstBody(lr.DemoSupplierBID, 5000, ""), "supplier_id"),
			changed(oldestFirstBody(lr.DemoSupplierAID, 5000, "  vintage = 2025"), "vintage"),
			changed(oldestFirstBody(lr.DemoSupplierAID, 5000, fmt.Sprintf("  order_id = %q", lr.DemoOrderA2ID)), "order_id"),
			{
				Config: retirementHCL(reg, strings.Replace(byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 5000, ""),
					"corporate_targets", "public_environmental_claims", 1)),
				ExpectError: errorText("Cannot change credit_batch_quantities of a recorded retirement"),
			},
			// What the registry recorded, spelled out: no change.
			{
				Config:           retirementHCL(reg, oldestFirstBody(lr.DemoSupplierAID, 5000, fmt.Sprintf("  vintage = 2024\n  order_id = %q", lr.DemoOrderA1ID))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: retirementHCL(reg, strings.Replace(byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 5000, ""),
					"corporate_targets", "public_environmental_claims", 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            reg.expectOnlyReads(1),
			},
		},
	})
}

// retirementExample reads an example file of isometric_retirement with its placeholder IDs
// replaced by demo IDs (plus extra replacements).
func retirementExample(t *testing.T, file string, extra ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", "isometric_retirement", file))
	if err != nil {
		t.Fatal(err)
	}
	ids := strings.NewReplacer(append([]string{
		"spl_1CC712KFS1S0YKPS", lr.DemoSupplierAID,
		"ctb_1DRBTYA8Q1S07CBY", lr.DemoBatchA1Buyer2,
		"org_1CP8EQDNQSBXTMR2", lr.DemoBeneficiaryOrgID,
	}, extra...)...)
	return ids.Replace(string(b))
}

// TestAccRetirement_example applies the documented example (both modes) against the demo world.
func TestAccRetirement_example(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + retirementExample(t, "resource.tf")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("isometric_retirement.q3_claims", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(2500)),
					statecheck.ExpectKnownValue("isometric_retirement.targets_2024", tfjsonpath.New("credit_quantity_kg"), knownvalue.Int64Exact(5000)),
					statecheck.ExpectKnownOutputValueAtPath("certificates", tfjsonpath.New("q3_claims"), knownvalue.StringRegexp(regexp.MustCompile(`/ret_`))),
				},
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 2), checkNewRetirements(reg, 2)),
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccRetirement_importExample applies the documented import block to a retirement made outside
// Terraform exactly as the example describes it (2.5 t split off a batch): the plan only imports.
func TestAccRetirement_importExample(t *testing.T) {
	reg := newTestRegistry(t, nil)
	notes := "Q3 2025 public climate claims"
	made, err := testProviderData(t, reg).Client.CreateRetirement(context.Background(), client.CreateRetirementByBatchRequest{
		OwnerOrganisationID: lr.DemoBuyerOrgID, BeneficiaryOrganisationID: lr.DemoBeneficiaryOrgID, SupplierID: lr.DemoSupplierAID,
		CreditBatchQuantities: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA1Buyer2, CreditQuantityKg: 2500}},
		Notes:                 &notes, RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposePublicEnvironmentalClaims},
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + retirementExample(t, "import-by-string-id.tf", "ret_1FYBH4QDT1S0SVKF", made.ID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("isometric_retirement.q3_claims", plancheck.ResourceActionNoop),
				}},
				Check: reg.expectPOSTs("", 1), // only the retirement made outside Terraform
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccRetirement_identity: the identity of a retirement is its registry ID; an import block
// with it plans a no-op import; another kind of ID is refused (Terraform 1.12 and later).
func TestAccRetirement_identity(t *testing.T) {
	testIdentity(t, identityCase{addr: retAddr, post: retirementsPath, config: func(reg *testRegistry) string {
		return retirementHCL(reg, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 1500, ""))
	}})
}

// TestAccRetirement_generatedConfig: `terraform plan -generate-config-out` of a retirement, by
// batch (part of a batch) or oldest first, writes one mode only and plans a no-op import
// (Terraform 1.14 and later).
func TestAccRetirement_generatedConfig(t *testing.T) {
	t.Run("by batch", func(t *testing.T) {
		testGeneratedConfig(t, identityCase{addr: retAddr, post: retirementsPath, config: func(reg *testRegistry) string {
			return retirementHCL(reg, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 1500, `  notes = "generated"`))
		}})
	})
	t.Run("oldest first", func(t *testing.T) {
		testGeneratedConfig(t, identityCase{addr: retAddr, post: oldestFirstPath, config: func(reg *testRegistry) string {
			return retirementHCL(reg, oldestFirstBody(lr.DemoSupplierAID, 6000, "  vintage = 2024"))
		}})
	})
}

// TestAccRetirement_elementErrorPointsAtTheList: an error on one batch of credit_batch_quantities
// shows the line of credit_batch_quantities (Terraform cannot show an element inside it) and
// names the element in its text.
func TestAccRetirement_elementErrorPointsAtTheList(t *testing.T) {
	reg := newTestRegistry(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: retirementHCL(reg, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 6000, "")),
			ExpectError: errorText("Quantity above the credit batch's size", "credit_batch_quantities = [{ credit_batch_id = \""+lr.DemoBatchA1Buyer1,
				"credit_batch_quantities[0].credit_quantity_kg: 6000 kg (6.000 t) requested from credit batch "+lr.DemoBatchA1Buyer1),
		}},
	})
	reg.assertPOSTs(t, "", 0)
}

// TestAccRetirement_discoveryNeverAdoptsASibling: two identical oldest-first retirements (count =
// 2, a deliberate repeat); the first POST commits, the second is answered 503 before the commit.
// The second's discovery sees the first one's retirement, which matches its request in every
// respect, but this run made it for the other instance: it is not adopted, the apply fails saying
// nothing was carried out, and the next apply retires the second. One record per instance.
func TestAccRetirement_discoveryNeverAdoptsASibling(t *testing.T) {
	reg := newTestRegistry(t, nil)
	path := registryPath(oldestFirstPath)
	reg.Registry.AddFault(lr.Fault{Method: "POST", Path: path, Times: 1}) // the first POST goes through
	reg.Registry.AddFault(lr.Fault{Method: "POST", Path: path, Status: 503, Times: 1})
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + "resource \"isometric_retirement\" \"r\" {\n  count = 2\n" +
		oldestFirstBody(lr.DemoSupplierBID, 1000, "  allow_repeat = true\n") + "}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ExpectError: errorText("The retirement was not carried out", "It is safe to run terraform apply again")},
			{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(checkNewRetirements(reg, 2), func(s *terraform.State) error {
				a, b := s.RootModule().Resources["isometric_retirement.r.0"].Primary.ID, s.RootModule().Resources["isometric_retirement.r.1"].Primary.ID
				if a == b {
					return fmt.Errorf("both instances hold retirement %s", a)
				}
				return nil
			})},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	reg.assertPOSTs(t, "/retirements/from_oldest_credits", 3) // two committed, one refused before its commit
}

// TestAccRetirement_twoProviderConfigurations: two configurations of the provider acting as the
// same organisation (an alias), two 3000 kg retirements of one 5000 kg batch. Terraform runs one
// plugin process per configuration, and each plans alone: that is the documented limit, and the
// backstop is the check right before each POST and the registry's own refusal (the second request
// names a batch the first split: 422). The test's in-process server serves both configurations, so
// here the plan already refuses; either way at most one retirement is carried out, the other fails
// with the numbers, and nothing is recorded twice.
func TestAccRetirement_twoProviderConfigurations(t *testing.T) {
	reg := newTestRegistry(t, nil)
	aliased := strings.Replace(reg.ProviderConfig(lr.DemoBuyerToken), `provider "isometric" {`, "provider \"isometric\" {\n  alias = \"second\"", 1)
	cfg := reg.ProviderConfig(lr.DemoBuyerToken) + aliased +
		"resource \"isometric_retirement\" \"a\" {\n" + byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 3000, `  notes = "a"`) + "\n}\n" +
		"resource \"isometric_retirement\" \"b\" {\n  provider = isometric.second\n" + byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer1, 3000, `  notes = "b"`) + "\n}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: cfg,
			ExpectError: regexp.MustCompile(`holds only 2000 kg|claimed beyond its size|is split, not active`)}},
	})
	if got := newRetirements(reg); len(got) > 1 {
		t.Fatalf("registry: %d new retirements, want at most one", len(got))
	}
	if n := reg.postCount(retirementsPath); n > 1 {
		t.Fatalf("%d POST /retirements, want at most one", n)
	}
}
