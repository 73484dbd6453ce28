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

const transferAddr = "isometric_transfer.test"

// transferArgs are the arguments of a test transfer; zero fields take the defaults of the
// partial transfer of 1.5 t of DemoBatchB1Buyer2 (7.25 t, supplier B) to the partner.
type transferArgs struct {
	To, From, Supplier, Notes string
	Batches                   []client.CreditBatchQuantity
	AllowRepeat               bool
}

func transferConfig(reg *testRegistry, a transferArgs) string {
	if a.To == "" {
		a.To = lr.DemoPartnerOrgID
	}
	if a.Supplier == "" {
		a.Supplier = lr.DemoSupplierBID
	}
	if a.Batches == nil {
		a.Batches = []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchB1Buyer2, CreditQuantityKg: 1500}}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"isometric_transfer\" \"test\" {\n  to_organisation_id = %q\n  supplier_id = %q\n", a.To, a.Supplier)
	if a.From != "" {
		fmt.Fprintf(&b, "  from_organisation_id = %q\n", a.From)
	}
	if a.Notes != "" {
		fmt.Fprintf(&b, "  notes = %q\n", a.Notes)
	}
	if a.AllowRepeat {
		b.WriteString("  allow_repeat = true\n")
	}
	b.WriteString(batchQuantitiesHCL(a.Batches) + "}\n")
	return reg.ProviderConfig(lr.DemoBuyerToken) + b.String()
}

// newTransfers returns the registry's transfers that its seed does not hold.
func newTransfers(reg *testRegistry) []client.Transfer {
	return newRecords(reg.Registry.AllTransfers(), func(t client.Transfer) string { return t.ID }, reg.seed.transfers)
}

// expectPartialTransferInRegistry checks the registry's records after the default transfer: one
// new transfer (the one in state), DemoBatchB1Buyer2 split, its 1500 kg left child with the partner.
func expectPartialTransferInRegistry(reg *testRegistry) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := resourceIDFromState(s, transferAddr)
		if err != nil {
			return err
		}
		ts := newTransfers(reg)
		if len(ts) != 1 || ts[0].ID != id || ts[0].CreditBatchSizeTotal.CreditKgs != 1500 ||
			ts[0].FromOrganisation.ID != lr.DemoBuyerOrgID || ts[0].ToOrganisation.ID != lr.DemoPartnerOrgID {
			return fmt.Errorf("registry transfers = %+v, want exactly one: %s, 1500 kg, buyer -> partner", ts, id)
		}
		parent, _ := reg.Registry.CreditBatch(lr.DemoBatchB1Buyer2)
		if parent.Status != client.CreditBatchStatusSplit || parent.LeftChildID == nil {
			return fmt.Errorf("batch %s = %s, want split", lr.DemoBatchB1Buyer2, parent.Status)
		}
		left, _ := reg.Registry.CreditBatch(*parent.LeftChildID)
		right, _ := reg.Registry.CreditBatch(deref(parent.RightChildID))
		if left.Owner.ID != lr.DemoPartnerOrgID || left.Size.CreditKgs != 1500 || right.Owner.ID != lr.DemoBuyerOrgID || right.Size.CreditKgs != 5750 {
			return fmt.Errorf("children: left %s %d kg owned by %s, right %s %d kg owned by %s; want 1500 kg partner / 5750 kg buyer",
				left.ID, left.Size.CreditKgs, left.Owner.ID, right.ID, right.Size.CreditKgs, right.Owner.ID)
		}
		return nil
	}
}

func partialTransferStateChecks(reg *testRegistry) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^tfr_`))),
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("from_organisation_id"), knownvalue.StringExact(lr.DemoBuyerOrgID)),
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("to_organisation_id"), knownvalue.StringExact(lr.DemoPartnerOrgID)),
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("supplier_id"), knownvalue.StringExact(lr.DemoSupplierBID)),
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("transferred_at"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("credit_batch_size_total"), quantityCheck(1500)),
		statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("credit_batches"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"kg": knownvalue.Int64Exact(1500),
				"id": leftChildOf(reg, lr.DemoBatchB1Buyer2),
			}),
		})),
	}
}

func TestAccTransfer_partial(t *testing.T) {
	args := transferArgs{Notes: "For our partner"}
	changed := args
	changed.Notes = "Another note"
	testTransactionLifecycle(t, transactionLifecycleCase{
		addr: transferAddr, post: "/transfers", records: "transfers",
		config:      func(reg *testRegistry) string { return transferConfig(reg, args) },
		stateChecks: partialTransferStateChecks,
		inRegistry:  expectPartialTransferInRegistry,
		newRecords:  func(reg *testRegistry) int { return len(newTransfers(reg)) },
		changes: func(reg *testRegistry) []resource.TestStep {
			return []resource.TestStep{
				{
					Config:      transferConfig(reg, changed),
					ExpectError: errorText("Cannot change notes of a recorded transfer"),
				},
				{
					Config:      transferConfig(reg, transferArgs{Notes: args.Notes, Batches: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchB1Buyer2, CreditQuantityKg: 1600}}}),
					ExpectError: errorText("Cannot change credit_batch_quantities of a recorded transfer"),
				},
			}
		},
		notFound: regexp.MustCompile(`Transfer tfr_\w+ not found in the registry`),
	})
}

func TestAccTransfer_wholeBatchImport(t *testing.T) {
	reg := newTestRegistry(t, nil)
	config := transferConfig(reg, transferArgs{From: lr.DemoBuyerOrgID, Supplier: lr.DemoSupplierAID,
		Batches: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchA1Buyer1, CreditQuantityKg: 5000}, {CreditBatchID: lr.DemoBatchA1Buyer2, CreditQuantityKg: 500}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("credit_batch_size_total").AtMapKey("kg"), knownvalue.Int64Exact(5500)),
					statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("credit_batches").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(lr.DemoBatchA1Buyer1)),
					statecheck.ExpectKnownValue(transferAddr, tfjsonpath.New("credit_batches").AtSliceIndex(1).AtMapKey("id"), leftChildOf(reg, lr.DemoBatchA1Buyer2)),
				},
				Check: func(*terraform.State) error {
					whole, _ := reg.Registry.CreditBatch(lr.DemoBatchA1Buyer1)
					if whole.Status != client.CreditBatchStatusActive || whole.Owner.ID != lr.DemoPartnerOrgID {
						return fmt.Errorf("whole batch: %s owned by %s, want active with the partner", whole.Status, whole.Owner.ID)
					}
					return reg.expectPOSTs("/transfers", 1)(nil)
				},
			},
			{
				Config:          config,
				ResourceName:    transferAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccTransfer_planChecks(t *testing.T) {
	cases := []configErrorCase[transferArgs]{
		{"quantity zero", transferArgs{Batches: oneBatch(lr.DemoBatchB1Buyer2, 0)}, "credit_batch_quantities[0].credit_quantity_kg: 0 kg: a quantity is at least 1 kg"},
		{"quantity negative", transferArgs{Batches: oneBatch(lr.DemoBatchB1Buyer2, -5)}, "credit_batch_quantities[0].credit_quantity_kg: -5 kg: a quantity is at least 1 kg"},
		{"malformed batch ID", transferArgs{Batches: oneBatch("ctb_SHORT", 10)}, `Invalid credit batch ID "ctb_SHORT"`},
		{"wrong prefix", transferArgs{To: lr.DemoSupplierAID}, `Invalid organisation ID "` + lr.DemoSupplierAID + `"`},
		{"wrong supplier prefix", transferArgs{Supplier: lr.DemoPartnerOrgID}, `Invalid supplier ID "` + lr.DemoPartnerOrgID + `"`},
		{"notes too long", transferArgs{Notes: strings.Repeat("n", 257)}, "notes: 257 characters, but at most 256 are allowed (the registry's limit). Shorten it by 1."},
		{"same batch twice", transferArgs{Batches: []client.CreditBatchQuantity{{CreditBatchID: lr.DemoBatchB1Buyer2, CreditQuantityKg: 10}, {CreditBatchID: lr.DemoBatchB1Buyer2, CreditQuantityKg: 20}}},
			`credit batch "` + lr.DemoBatchB1Buyer2 + `" is listed twice in credit_batch_quantities (elements [0] and [1])`},
		{"unknown batch", transferArgs{Batches: oneBatch("ctb_1UNKNOWNBATCH0001", 10)}, "credit_batch_quantities[0].credit_batch_id: credit batch ctb_1UNKNOWNBATCH0001 does not exist in"},
		{"split batch", transferArgs{Batches: oneBatch(lr.DemoBatchB1Split, 2500)}, "2500 kg (2.500 t) requested from credit batch " + lr.DemoBatchB1Split +
			", which an earlier operation split: its remaining part " + lr.DemoBatchB1SplitRight + " holds only 2000 kg (2.000 t)"},
		{"retired batch", transferArgs{Supplier: lr.DemoSupplierAID, Batches: oneBatch(lr.DemoBatchA1Retired, 10)}, "credit batch " + lr.DemoBatchA1Retired + " (2000 kg (2.000 t)) is already `retired`"},
		{"other owner", transferArgs{Supplier: lr.DemoSupplierAID, Batches: oneBatch(lr.DemoBatchA1Partner, 10)},
			"credit batch " + lr.DemoBatchA1Partner + " (4000 kg (4.000 t)) is owned by organisation " + lr.DemoPartnerOrgID},
		{"above size", transferArgs{Batches: oneBatch(lr.DemoBatchB1Buyer2, 8000)},
			"8000 kg (8.000 t) requested from credit batch " + lr.DemoBatchB1Buyer2 + ", which holds only 7250 kg (7.250 t). Lower the quantity to at most 7250"},
		{"other supplier", transferArgs{Supplier: lr.DemoSupplierAID},
			"credit batch " + lr.DemoBatchB1Buyer2 + " (1500 kg (1.500 t) requested of 7250 kg (7.250 t)) comes from supplier " + lr.DemoSupplierBID +
				", but supplier_id is " + lr.DemoSupplierAID + ". All credits of one operation must come from the same supplier"},
		{"not a transferee", transferArgs{To: lr.DemoStrangerOrgID},
			"to_organisation_id: organisation " + lr.DemoStrangerOrgID + " is not among the organisations " + lr.DemoBuyerOrgID + " may transfer credits to"},
		{"sender not acting", transferArgs{From: lr.DemoPartnerOrgID},
			"from_organisation_id: the registry transfers credits from the organisation the access token acts as only, " + lr.DemoBuyerOrgID +
				", not " + lr.DemoPartnerOrgID + ". Remove from_organisation_id"},
	}
	testConfigErrors(t, transferConfig, cases)
}

// TestAccTransfer_ambiguousPost: the registry commits the transfer but the answer is lost (500
// after commit, or the connection dropped): the provider finds the transfer from the batches and
// records it with a warning; the next apply sends nothing. A 503 before commit: nothing happened,
// the apply fails with nothing in state, and applying again (fault gone) creates exactly one.
func TestAccTransfer_ambiguousPost(t *testing.T) {
	testAmbiguousPost(t, ambiguousPostCase{
		post:         "/transfers",
		notCommitted: batchesUnchanged,
		world: func(reg *testRegistry) ambiguousPostWorld {
			return ambiguousPostWorld{
				config:      transferConfig(reg, transferArgs{}),
				stateChecks: partialTransferStateChecks(reg),
				inRegistry:  expectPartialTransferInRegistry(reg),
				untouched: func(t *testing.T) {
					if n := len(newTransfers(reg)); n != 0 {
						t.Errorf("after a 503 the registry has %d new transfers, want 0", n)
					}
					if b, _ := reg.Registry.CreditBatch(lr.DemoBatchB1Buyer2); b.Status != client.CreditBatchStatusActive || b.Owner.ID != lr.DemoBuyerOrgID {
						t.Errorf("after a 503 batch %s is %s, owned by %s; want untouched", lr.DemoBatchB1Buyer2, b.Status, b.Owner.ID)
					}
				},
			}
		},
	})
}

// TestAccTransfer_checksAtApply: a quantity known only at apply (from another resource) cannot be
// checked while planning; it is checked right before the request, and a failing check sends nothing.
func TestAccTransfer_checksAtApply(t *testing.T) {
	reg := newTestRegistry(t, nil)
	config := reg.ProviderConfig(lr.DemoBuyerToken) + fmt.Sprintf(`
resource "terraform_data" "quantity" {
  input = 8000
}

resource "isometric_transfer" "test" {
  to_organisation_id = %q
  supplier_id        = %q
  credit_batch_quantities = [{
    credit_batch_id    = %q
    credit_quantity_kg = terraform_data.quantity.output
  }]
}
`, lr.DemoPartnerOrgID, lr.DemoSupplierBID, lr.DemoBatchB1Buyer2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			// The plan passed (the quantity was unknown); the apply failed before the POST.
			ExpectError: errorText("Error running apply", "8000 kg (8.000 t) requested from credit batch "+
				lr.DemoBatchB1Buyer2+", which holds only 7250 kg (7.250 t)"),
		}},
	})
	reg.assertPOSTs(t, "/transfers", 0)
	if b, _ := reg.Registry.CreditBatch(lr.DemoBatchB1Buyer2); b.Status != client.CreditBatchStatusActive || b.Size.CreditKgs != 7250 {
		t.Errorf("batch %s is %s with %d kg, want untouched", b.ID, b.Status, b.Size.CreditKgs)
	}
}

// TestAccTransfer_transfereeOnLaterPage: the recipient check walks every page of /transferees.
func TestAccTransfer_transfereeOnLaterPage(t *testing.T) {
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	config := transferConfig(reg, transferArgs{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: partialTransferStateChecks(reg),
			Check:             resource.ComposeTestCheckFunc(expectPartialTransferInRegistry(reg), reg.expectPagedGET("/transferees")),
		}},
	})
}

// TestAccTransfer_ambiguousPostUnresolved: the transfer is committed without an answer and the
// registry cannot be asked what happened (GET /transfers fails): the apply fails without recording
// anything (no tainted resource) and says how to check and import; importing the transfer with the
// same configuration then plans no change, and nothing is ever sent twice.
func TestAccTransfer_ambiguousPostUnresolved(t *testing.T) {
	reg := newTestRegistry(t, nil)
	reg.Registry.AddFault(lr.Fault{Method: "POST", Path: registryPath("/transfers"), StatusAfterCommit: 500, Times: 1})
	reg.Registry.AddFault(lr.Fault{Method: "GET", Path: registryPath("/transfers"), Status: 500})
	// allow_repeat: the plan does not compare the transfer with the recent ones, so the only
	// GET /transfers is the discovery's, which fails.
	config := transferConfig(reg, transferArgs{AllowRepeat: true})
	importConfig := transferConfig(reg, transferArgs{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: errorText("Outcome of the transfer unknown",
					"Nothing was recorded in the Terraform state. Before applying again, check whether the transfer exists",
					"terraform import isometric_transfer.NAME"),
			},
		},
	})
	// A fresh configuration (empty state): import the committed transfer.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					reg.Registry.ClearFaults()
					if n := len(newTransfers(reg)); n != 1 {
						t.Errorf("the registry has %d new transfers, want the 1 committed", n)
					}
				},
				Config:          importConfig,
				ResourceName:    transferAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					ts := newTransfers(reg)
					if len(ts) != 1 {
						return "", fmt.Errorf("want exactly one new transfer, got %d", len(ts))
					}
					return ts[0].ID, nil
				},
			},
		},
	})
	reg.assertPOSTs(t, "/transfers", 1)
}

// TestAccTransfer_identity: the identity of a transfer is its registry ID; an import block with
// it plans a no-op import; another kind of ID is refused (Terraform 1.12 and later).
func TestAccTransfer_identity(t *testing.T) {
	testIdentity(t, identityCase{addr: transferAddr, post: "/transfers", config: func(reg *testRegistry) string {
		return transferConfig(reg, transferArgs{})
	}})
}

// TestAccTransfer_generatedConfig: `terraform plan -generate-config-out` of a transfer plans a
// no-op import (Terraform 1.14 and later).
func TestAccTransfer_generatedConfig(t *testing.T) {
	testGeneratedConfig(t, identityCase{addr: transferAddr, post: "/transfers", config: func(reg *testRegistry) string {
		return transferConfig(reg, transferArgs{Notes: "generated"})
	}})
}
