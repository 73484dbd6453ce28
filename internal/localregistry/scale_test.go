package localregistry

import (
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func TestScaleSeed(t *testing.T) {
	if s := ScaleSeed(ScaleOptions{}); len(s.CreditBatches) != len(DemoSeed().CreditBatches) {
		t.Errorf("ScaleSeed of nothing is not the demo world")
	}
	o := ScaleOptions{Batches: 250, BatchKg: 2500, Retirements: 3, Transfers: 2}
	s := ScaleSeed(o)
	if err := s.Validate(); err != nil {
		t.Fatalf("ScaleSeed does not validate: %v", err)
	}
	demo := len(DemoSeed().CreditBatches)
	extra := s.CreditBatches[demo:]
	if len(extra) != 255 || len(s.Retirements) != 2+3 || len(s.Transfers) != 1+2 {
		t.Fatalf("%d extra batches, %d retirements, %d transfers", len(extra), len(s.Retirements), len(s.Transfers))
	}
	idx := indexSeed(s)
	var prevStart int64 = -1
	for i, b := range extra {
		if b.ID != ScaleBatchID(i) || b.SizeKg != 2500 || b.IssuanceID != ScaleIssuanceID(i) {
			t.Fatalf("batch %d: %+v", i, b)
		}
		_, start, _, _ := parseSerial(b.SerialNumber)
		if start <= prevStart {
			t.Errorf("batch %d: serial %s does not increase", i, b.SerialNumber)
		}
		prevStart = start
		if i > 0 && !idx.issuances[b.IssuanceID].IssuedAt.After(idx.issuances[extra[i-1].IssuanceID].IssuedAt) {
			t.Errorf("batch %d: issued_at does not increase", i)
		}
	}
	e := newEnv(t, s)
	bal := e.reg.CreditBalance(DemoBuyerOrgID)
	if got, want := bal.Total.ActiveCreditsTotal.CreditKgs, int64(57250+250*2500); got != want {
		t.Errorf("buyer active %d, want %d", got, want)
	}
	if got, want := bal.Total.RetiredCreditsTotal.CreditKgs, int64(3000+3*2500); got != want {
		t.Errorf("buyer retired %d, want %d", got, want)
	}
	if b := e.batch(ScaleBatchID(254)); b.Owner.ID != DemoPartnerOrgID || b.Status != client.CreditBatchStatusActive {
		t.Errorf("last transferred batch %+v", b)
	}
	// The demo batches stay the oldest of supplier A.
	ret := ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, 5000))
	if got := ok[client.List[client.CreditBatch]](e, "GET", "/retirements/"+ret.ID+"/credit_batches", DemoBuyerToken, nil); got.Nodes[0].ID != DemoBatchA1Buyer1 {
		t.Errorf("oldest-first took %v", ids(got.Nodes))
	}
	page := ok[client.Page[client.CreditBatch]](e, "GET", batchesURL("first=2"), DemoBuyerToken, nil)
	if ids(page.Nodes)[0] != ScaleBatchID(252) {
		t.Errorf("newest first: %v", ids(page.Nodes))
	}
	e.checkConsistency()
}
