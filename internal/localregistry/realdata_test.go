package localregistry

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Shapes of the real registry's data the local registry must hold and answer.

func TestRetirementWithoutPurposes(t *testing.T) {
	s := DemoSeed()
	indexByID(s.Retirements)[DemoRetirementID].Purposes = []client.RetirementPurpose{}
	indexByID(s.Retirements)[DemoRetirementB1ID].Purposes = nil // "purposes": null or missing in a seed file: none
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnvWith(t, Options{Seed: s, StatePath: path})
	for _, id := range []string{DemoRetirementID, DemoRetirementB1ID} {
		status, b := e.call("GET", "/retirements/"+id, DemoBuyerToken, nil)
		if status != 200 || !strings.Contains(string(b), `"purposes":[]`) {
			t.Errorf("%s: %d %s", id, status, b)
		}
	}
	// The state file holds it too.
	if err := e.reg.Compact(); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSeedFile(path); err != nil {
		t.Errorf("state file: %v", err)
	}
}

func TestLocationDescription(t *testing.T) {
	b, _ := json.Marshal(DemoSeed())
	// Supplier B, without a location in the demo world, gets one with a description.
	b = bytes.Replace(b, []byte(`"long_description":null,"location":null`),
		[]byte(`"long_description":null,"location":{"country_code":"IND","country_name":"India","description":"Rajasthan, India","latitude":26.9,"longitude":75.8}`), 1)
	seed, err := parseSeed(b)
	if err != nil {
		t.Fatalf("a seed with a location description: %v", err)
	}
	e := newEnv(t, seed)
	sup := ok[client.Supplier](e, "GET", "/suppliers/"+DemoSupplierBID, DemoBuyerToken, nil)
	if sup.Location == nil || deref(sup.Location.Description) != "Rajasthan, India" {
		t.Errorf("supplier location %+v", sup.Location)
	}
	prj := ok[client.Project](e, "GET", "/projects/"+DemoProjectA1ID, DemoBuyerToken, nil)
	if prj.Location == nil || deref(prj.Location.Description) != "Wyoming, United States" {
		t.Errorf("demo project location %+v", prj.Location)
	}
	if status, b := e.call("GET", "/projects/"+DemoProjectA2ID, DemoBuyerToken, nil); status != 200 || !strings.Contains(string(b), `"location":null`) {
		t.Errorf("a project without a location: %d %s", status, b)
	}
}

// TestSplitChildrenInDifferentDeliveries: a supplier delivers part of a batch, then part of the
// rest: the two children of the first split end in different deliveries (the left one in the
// first, the right one's own left child in the second), as real deliveries do. Everything stays
// consistent, listed by delivery, and loads again as a seed.
func TestSplitChildrenInDifferentDeliveries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnvWith(t, Options{StatePath: path})
	d1 := ok[client.Delivery](e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier1, 10000)))
	parent := e.batch(DemoBatchA2Supplier1)
	left, right := e.batch(*parent.LeftChildID), e.batch(*parent.RightChildID)
	if deref(left.DeliveryID) != d1.ID || right.DeliveryID != nil || right.Owner.ID != DemoSupplierAOrgID {
		t.Fatalf("after the first delivery: left %+v, right %+v", left, right)
	}
	d2 := ok[client.Delivery](e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(right.ID, 5000)))
	right = e.batch(right.ID)
	rl := e.batch(*right.LeftChildID)
	if deref(rl.DeliveryID) != d2.ID || rl.Owner.ID != DemoBuyerOrgID {
		t.Fatalf("after the second delivery: %+v", rl)
	}
	for d, want := range map[string]string{d1.ID: left.ID, d2.ID: rl.ID} {
		got := ok[client.List[client.CreditBatch]](e, "GET", "/deliveries/"+d+"/credit_batches", DemoBuyerToken, nil)
		if strings.Join(ids(got.Nodes), ",") != want {
			t.Errorf("delivery %s lists %v, want %s", d, ids(got.Nodes), want)
		}
		page := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL("delivery_id="+d), DemoBuyerToken, nil)
		if strings.Join(ids(page.Nodes), ",") != want {
			t.Errorf("buyer's batches of delivery %s: %v", d, ids(page.Nodes))
		}
	}
	if o, _ := e.reg.Order(DemoOrderA2ID); o.CreditsDelivered.CreditKgs != 25000 || o.Status != client.OrderStatusInProgress {
		t.Errorf("order A2 %+v", o)
	}
	// The buyer retires oldest first from order A2: the delivered children count.
	ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, func() map[string]any {
		b := oldestBody(DemoBuyerOrgID, DemoSupplierAID, 24000)
		b["order_id"] = DemoOrderA2ID
		return b
	}())
	e.checkConsistency()
	// As a seed, and after a restart from the state file and its journal.
	if _, err := New(Options{Seed: e.reg.Snapshot()}); err != nil {
		t.Errorf("the state does not load as a seed: %v", err)
	}
	if e2 := newEnvWith(t, Options{StatePath: path}); e2.snapshotJSON() != e.snapshotJSON() {
		t.Errorf("restart changed the state")
	}
}

// TestEmptyTransfer: credit_batch_quantities has no minimum in the spec (unlike deliveries and
// retirements): an empty one is a transfer of nothing, with the other rules applied.
func TestEmptyTransfer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnvWith(t, Options{StatePath: path})
	before := e.reg.CreditBalance(DemoBuyerOrgID)
	tr := ok[client.Transfer](e, "POST", "/transfers", DemoBuyerToken, transferBody(DemoBuyerOrgID, DemoPartnerOrgID, DemoSupplierBID))
	if tr.CreditBatchSizeTotal.CreditKgs != 0 || tr.CreditBatchSizeTotal.Credits.String() != "0.000" || tr.ToOrganisation.ID != DemoPartnerOrgID {
		t.Errorf("transfer %+v", tr)
	}
	if got := ok[client.List[client.CreditBatch]](e, "GET", "/transfers/"+tr.ID+"/credit_batches", DemoBuyerToken, nil); got.TotalCount != 0 || got.Nodes == nil {
		t.Errorf("its batches %+v", got)
	}
	if !jsonEqual(e.reg.CreditBalance(DemoBuyerOrgID), before) {
		t.Errorf("a transfer of nothing changed the balance")
	}
	// The rules still apply, and the state with it loads again.
	d := refused(e, "POST", "/transfers", DemoBuyerToken, transferBody(DemoBuyerOrgID, DemoStrangerOrgID, DemoSupplierBID))
	if locString(d[0].Loc) != "body.to_organisation_id" {
		t.Errorf("refusal %+v", d)
	}
	if err := e.reg.Compact(); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSeedFile(path); err != nil {
		t.Errorf("state file with a transfer of nothing: %v", err)
	}
}
