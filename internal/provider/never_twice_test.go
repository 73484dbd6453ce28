package provider

import (
	"context"
	"fmt"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// namedRetirement is a provider block and one isometric_retirement NAME with body.
func namedRetirement(reg *testRegistry, name, body string) string {
	return reg.ProviderConfig(lr.DemoBuyerToken) + fmt.Sprintf("resource \"isometric_retirement\" %q {\n%s\n}\n", name, body)
}

// TestAccNeverTwice_renameWithoutMoved: renaming a retirement's block without a moved block would
// retire the credits again; the plan refuses it with the moved block to write, and with the moved
// block the plan changes nothing.
func TestAccNeverTwice_renameWithoutMoved(t *testing.T) {
	reg := newTestRegistry(t, nil)
	body := byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 2500, `  notes = "Q3"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: namedRetirement(reg, "old", body), Check: reg.expectPOSTs("/retirements", 1)},
			{
				Config: namedRetirement(reg, "renamed", body),
				ExpectError: errorText("This plan would carry out retirement ret_", "a second time",
					"The plan removes retirement ret_", "from the state and creates another isometric_retirement with the same arguments",
					"moved {", "from = isometric_retirement.OLD_NAME", "to = isometric_retirement.NEW_NAME", "set allow_repeat = true"),
			},
			{
				Config: namedRetirement(reg, "renamed", body) + "moved {\n  from = isometric_retirement.old\n  to = isometric_retirement.renamed\n}\n",
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("isometric_retirement.renamed", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 1), checkNewRetirements(reg, 1)),
			},
		},
	})
}

// retireOutside makes a retirement by batch outside Terraform (as the dashboard or a script would).
func retireOutside(t *testing.T, reg *testRegistry, batch string, kg int64, notes string) *client.Retirement {
	t.Helper()
	ret, err := testProviderData(t, reg).Client.CreateRetirement(context.Background(), client.CreateRetirementByBatchRequest{
		OwnerOrganisationID: lr.DemoBuyerOrgID, BeneficiaryOrganisationID: lr.DemoBuyerOrgID, SupplierID: lr.DemoSupplierAID,
		CreditBatchQuantities: oneBatch(batch, kg), Notes: &notes,
		RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets},
	})
	if err != nil {
		t.Fatal(err)
	}
	return ret
}

// TestAccNeverTwice_recentRecordNotManaged: a retirement that the registry recorded minutes ago
// without this configuration, with the same arguments (its batch named as configured: the
// recorded batch is the left child of the named one), is refused with its import block; with
// allow_repeat = true the second, identical retirement is made, from the batch's remaining part.
func TestAccNeverTwice_recentRecordNotManaged(t *testing.T) {
	reg := newTestRegistry(t, nil)
	made := retireOutside(t, reg, lr.DemoBatchA1Buyer2, 2500, "Q3")
	body := byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 2500, `  notes = "Q3"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: retirementHCL(reg, body),
				ExpectError: errorText("Retirement "+made.ID+" already does this", "The registry recorded retirement "+made.ID+" at",
					"with the same owner, beneficiary, quantity, purposes, notes and credits as this one, and this run did not make it",
					"import {", "to = isometric_retirement.NAME", fmt.Sprintf("id = %q", made.ID),
					"set allow_repeat = true on this resource", "the last 7 days"),
				Check: reg.expectPOSTs("/retirements", 1),
			},
			{
				Config: retirementHCL(reg, body+"\n  allow_repeat = true\n"),
				Check:  resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 2), checkNewRetirements(reg, 2)),
			},
			{
				// allow_repeat only matters at create: removing it changes nothing.
				Config:           retirementHCL(reg, body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(retAddr, plancheck.ResourceActionUpdate)}},
				Check:            reg.expectPOSTs("/retirements", 2),
			},
		},
	})
	reg.assertPOSTs(t, "", 2)
}

// TestAccNeverTwice_recentOldestFirst: an oldest-first retirement equal to one recorded minutes
// ago (same quantity, beneficiary, purposes, notes, credits of the supplier) is refused.
func TestAccNeverTwice_recentOldestFirst(t *testing.T) {
	reg := newTestRegistry(t, nil)
	notes := "yearly"
	made, err := testProviderData(t, reg).Client.CreateRetirementFromOldestCredits(context.Background(), client.CreateRetirementOldestCreditsRequest{
		OwnerOrganisationID: lr.DemoBuyerOrgID, BeneficiaryOrganisationID: lr.DemoBuyerOrgID, SupplierID: lr.DemoSupplierBID,
		CreditQuantityKg: 1000, Notes: &notes, RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposePublicEnvironmentalClaims},
	})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      retirementHCL(reg, oldestFirstBody(lr.DemoSupplierBID, 1000, `  notes = "yearly"`)),
			ExpectError: errorText("Retirement " + made.ID + " already does this"),
		}},
	})
	reg.assertPOSTs(t, "", 1)
}

// TestAccNeverTwice_recentTransfer: a transfer equal to one made minutes ago is refused.
func TestAccNeverTwice_recentTransfer(t *testing.T) {
	reg := newTestRegistry(t, nil)
	made, err := testProviderData(t, reg).Client.CreateTransfer(context.Background(), client.CreateTransferRequest{
		FromOrganisationID: lr.DemoBuyerOrgID, ToOrganisationID: lr.DemoPartnerOrgID, SupplierID: lr.DemoSupplierBID,
		CreditBatchQuantities: oneBatch(lr.DemoBatchB1Buyer2, 1500),
	})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: transferConfig(reg, transferArgs{}),
			ExpectError: errorText("Transfer "+made.ID+" already does this",
				"with the same sender, recipient, quantity, notes and credits as this one", fmt.Sprintf("id = %q", made.ID)),
		}},
	})
	reg.assertPOSTs(t, "", 1)
}

// TestAccNeverTwice_lateCommitWithinWindow: the registry commits a retirement after the provider
// gave up waiting for the answer, but while it still asks the registry what happened: the
// retirement is found and recorded in state, with a warning; nothing is sent twice.
func TestAccNeverTwice_lateCommitWithinWindow(t *testing.T) {
	reg := newTestRegistry(t, nil)
	reg.Registry.AddFault(lr.Fault{Method: "POST", Path: registryPath("/retirements"), CommitAfter: 1300 * time.Millisecond, Times: 1})
	cfg := retirementHCL(reg, byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 700, "  timeouts {\n    create = \"1s\"\n  }"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{stateValue("credit_batches",
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{"kg": knownvalue.Int64Exact(700)})}))},
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements", 1), checkOneRetirement(reg, nil)),
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccNeverTwice_lateCommitAfterWindow: the registry commits a retirement after the provider
// stopped asking: the apply fails without state and says to check first; the next run's plan finds
// the record and refuses to retire again, naming the import block; importing it plans nothing.
func TestAccNeverTwice_lateCommitAfterWindow(t *testing.T) {
	reg := newTestRegistry(t, nil)
	reg.Registry.AddFault(lr.Fault{Method: "POST", Path: registryPath("/retirements"), CommitAfter: 3 * time.Second, Times: 1})
	body := byBatchBody(lr.DemoSupplierAID, lr.DemoBatchA1Buyer2, 700, "")
	cfg := retirementHCL(reg, body+"  timeouts {\n    create = \"1s\"\n  }\n")
	var lateID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ExpectError: errorText("The retirement was not carried out (as far as the registry shows)",
					"before applying again, check that nothing changed"),
			},
			{
				PreConfig: func() { lateID = waitForNewRetirement(t, reg, 5*time.Second) },
				Config:    cfg,
				ExpectError: errorText("already does this", "The registry recorded retirement", "and this run did not make it",
					"import {", "to = isometric_retirement.NAME"),
			},
		},
	})
	// Adopt it in a fresh state: the import block plans no change and sends nothing.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: retirementHCL(reg, body), ResourceName: retAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return lateID, nil },
		}},
	})
	reg.assertPOSTs(t, "/retirements", 1)
}

// waitForNewRetirement waits until the registry holds one new retirement and returns its ID.
func waitForNewRetirement(t *testing.T, reg *testRegistry, limit time.Duration) string {
	t.Helper()
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if rs := newRetirements(reg); len(rs) == 1 {
			return rs[0].ID
		}
	}
	t.Fatalf("no new retirement after %s", limit)
	return ""
}

// TestRenameMatching: a create is a rename of a forgotten record when their fingerprints are the
// same; a value unknown at plan time leaves the pair undecided (never the same), and a known
// difference keeps them apart whatever is unknown.
func TestRenameMatching(t *testing.T) {
	l := newPlanLedger()
	fp := func(fields map[string]ledger.Value) ledger.Fingerprint {
		return ledger.Fingerprint{Kind: "isometric_retirement", Fields: fields, CreditsKnown: true}
	}
	forgotten := plannedRecord{ID: "ret_1FORGOTTEN00000001", FP: fp(map[string]ledger.Value{"notes": ledger.Known("Q3"), "supplier_id": ledger.Known("spl_1")})}
	if got := l.renameOf(forgotten); got != nil {
		t.Fatalf("first record matched %v", got)
	}
	if got := l.renameOf(plannedRecord{FP: fp(map[string]ledger.Value{"notes": ledger.Known("Q4"), "supplier_id": ledger.Unknown()})}); got != nil {
		t.Errorf("a create with other notes is not a rename: %v", got)
	}
	got := l.renameOf(plannedRecord{FP: fp(map[string]ledger.Value{"notes": ledger.Known("Q3"), "supplier_id": ledger.Unknown()})})
	if len(got) != 1 || got[0].ID != forgotten.ID || got[0].Verdict != ledger.Undecided || got[0].Unknown[0] != "supplier_id" {
		t.Errorf("create with an unknown supplier: %+v, want undecided on supplier_id", got)
	}
	got = l.renameOf(plannedRecord{FP: fp(map[string]ledger.Value{"notes": ledger.Known("Q3"), "supplier_id": ledger.Known("spl_1")})})
	if len(got) != 1 || got[0].Verdict != ledger.Same {
		t.Errorf("create with the same arguments: %+v, want the same", got)
	}
}

// b1SplitRetirementBody describes the demo's retirement of 1000 kg of DemoBatchB1Split (recorded as
// its left child) the way a configuration adopting it may: naming the split batch itself.
func b1SplitRetirementBody() string {
	return fmt.Sprintf(`  supplier_id                 = %q
  credit_batch_quantities     = [{ credit_batch_id = %q, credit_quantity_kg = 1000 }]
  retirement_purposes         = ["public_environmental_claims"]
  beneficiary_organisation_id = %q
`, lr.DemoSupplierBID, lr.DemoBatchB1Split, lr.DemoBeneficiaryOrgID)
}

// TestAccNeverTwice_renamedImportOfSplitBatch: an imported by-batch retirement whose configuration
// names the split parent (the plan accepts it as the record: the remaining part's equivalence) is
// the same operation as that configuration under a new name. Renamed without a moved block, the
// plan refuses it as a rename; in a state without the old block (what the provider sees of a plan
// with -target on the new address, or after the old block was dropped from state), it is refused as
// a repeat of the retirement that took that part of the batch, although it is a year old. No POST.
func TestAccNeverTwice_renamedImportOfSplitBatch(t *testing.T) {
	reg := newTestRegistry(t, nil)
	body := b1SplitRetirementBody()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: namedRetirement(reg, "old", body), ResourceName: "isometric_retirement.old", ImportState: true,
				ImportStateId: lr.DemoRetirementB1ID, ImportStatePersist: true},
			{Config: namedRetirement(reg, "old", body), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{Config: namedRetirement(reg, "renamed", body),
				ExpectError: errorText("This plan would carry out retirement "+lr.DemoRetirementB1ID+" a second time", "moved {")},
		},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: namedRetirement(reg, "renamed", body),
			ExpectError: errorText("Retirement "+lr.DemoRetirementB1ID+" already does this", "import {", `id = "`+lr.DemoRetirementB1ID+`"`)}},
	})
	reg.assertPOSTs(t, "", 0)
}

// undecidedKgHCL is a retirement "new" whose credit_quantity_kg comes from terraform_data, known
// only at apply.
func undecidedKgHCL(reg *testRegistry, kg int64) string {
	return reg.ProviderConfig(lr.DemoBuyerToken) + fmt.Sprintf(`
resource "terraform_data" "kg" {
  input = %d
}

resource "isometric_retirement" "new" {
  supplier_id         = %q
  credit_quantity_kg  = terraform_data.kg.output
  retirement_purposes = ["public_environmental_claims"]
}
`, kg, lr.DemoSupplierBID)
}

// TestAccNeverTwice_unknownQuantityIsUndecided: a retirement is forgotten (its block removed:
// destroy only forgets) and a new one of the same supplier and purposes is added whose quantity is
// known only at apply. The plan cannot tell whether it repeats the forgotten one: it goes on with a
// warning, and the apply decides before the request. Another quantity: retired. The same quantity:
// refused right before the POST, nothing sent.
func TestAccNeverTwice_unknownQuantityIsUndecided(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kg    int64
		posts int
		want  string
	}{
		{"other_quantity", 2000, 2, ""},
		{"same_quantity", 1000, 1, "already does this"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			old := namedRetirement(reg, "old", oldestFirstBody(lr.DemoSupplierBID, 1000, ""))
			step := resource.TestStep{Config: undecidedKgHCL(reg, tc.kg),
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("/retirements/from_oldest_credits", tc.posts), checkNewRetirements(reg, tc.posts))}
			if tc.want != "" {
				step.ExpectError, step.Check = errorText(tc.want, "The registry recorded retirement"), nil
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: old, Check: reg.expectPOSTs("/retirements/from_oldest_credits", 1)}, step},
			})
			reg.assertPOSTs(t, "/retirements/from_oldest_credits", tc.posts)
		})
	}
}

// TestAddUndecidedRename: the plan goes on with a warning when the apply will compare the create
// with the forgotten record (recorded within the recent window, with a day to spare), and refuses
// when the record is too old for that.
func TestAddUndecidedRename(t *testing.T) {
	v := &registryView{now: func() time.Time { return time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC) }}
	var diags diag.Diagnostics
	retirementSpec.addUndecidedRename(&diags, "ret_1RECENT0000000001", []string{"credit_quantity_kg"}, v.now().Add(-time.Hour), v)
	d := onlyDiag(t, diags, diag.SeverityWarning)
	wantContains(t, "warning", d.Detail(), "credit_quantity_kg will be known only at apply", "ret_1RECENT0000000001 among them")
	diags = nil
	retirementSpec.addUndecidedRename(&diags, "ret_1OLD0000000000001", []string{"credit_quantity_kg"}, v.now().Add(-7*24*time.Hour), v)
	d = onlyDiag(t, diags, diag.SeverityError)
	wantContains(t, "error", d.Detail(), "recorded too long ago", "moved {", "allow_repeat = true")
}
