package localregistry

import (
	"net/http"
	"strings"
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func TestDemoSeedIsConsistent(t *testing.T) {
	s := DemoSeed()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, nil)
	e.checkConsistency()
	want := map[string]struct {
		kg     int64
		owner  string
		status client.CreditBatchStatus
	}{
		DemoBatchA1Buyer1:     {5000, DemoBuyerOrgID, "active"},
		DemoBatchA1Buyer2:     {12500, DemoBuyerOrgID, "active"},
		DemoBatchA2Buyer1:     {10000, DemoBuyerOrgID, "active"},
		DemoBatchB1Buyer1:     {20000, DemoBuyerOrgID, "active"},
		DemoBatchB1Buyer2:     {7250, DemoBuyerOrgID, "active"},
		DemoBatchA1Retired:    {2000, DemoBuyerOrgID, "retired"},
		DemoBatchB1Split:      {3000, DemoBuyerOrgID, "split"},
		DemoBatchB1SplitLeft:  {1000, DemoBuyerOrgID, "retired"},
		DemoBatchB1SplitRight: {2000, DemoBuyerOrgID, "active"},
		DemoBatchA2Supplier1:  {30000, DemoSupplierAOrgID, "active"},
		DemoBatchA2Supplier2:  {25000, DemoSupplierAOrgID, "active"},
		DemoBatchB1Supplier1:  {15000, DemoSupplierBOrgID, "active"},
		DemoBatchA1Partner:    {4000, DemoPartnerOrgID, "active"},
	}
	for id, w := range want {
		b := e.batch(id)
		if b.Size.CreditKgs != w.kg || b.Owner.ID != w.owner || b.Status != w.status {
			t.Errorf("%s: got %d kg / %s / %s, want %d / %s / %s", id, b.Size.CreditKgs, b.Owner.ID, b.Status, w.kg, w.owner, w.status)
		}
	}
	if b := e.batch(DemoBatchA1Retired); b.RetirementID == nil || *b.RetirementID != DemoRetirementID {
		t.Errorf("A1Retired retirement_id = %v", b.RetirementID)
	}
	o, _ := e.reg.Order(DemoOrderA2ID)
	if o.CreditsOrdered.CreditKgs != 50000 || o.CreditsDelivered.CreditKgs != 10000 || o.Status != client.OrderStatusPlaced {
		t.Errorf("order A2 = %+v", o)
	}
	for _, id := range []string{DemoOrderA1ID, DemoOrderB1ID} {
		if o, _ := e.reg.Order(id); o.Status != client.OrderStatusCompleted || o.FulfilledAt == nil || o.CreditsDelivered != o.CreditsOrdered {
			t.Errorf("order %s = %+v", id, o)
		}
	}
	bens := e.reg.AllBeneficiaries(DemoBuyerOrgID)
	if len(bens) != 1 || bens[0].ID != DemoBeneficiaryOrgID {
		t.Errorf("buyer beneficiaries = %+v", bens)
	}
	tr := ok[client.Page[client.Organisation]](e, "GET", "/transferees", DemoBuyerToken, nil)
	if len(tr.Nodes) != 1 || tr.Nodes[0].ID != DemoPartnerOrgID {
		t.Errorf("buyer transferees = %+v", tr.Nodes)
	}
	// Oldest active batch of supplier A owned by the buyer.
	page := ok[client.Page[client.CreditBatch]](e, "GET", "/organisations/"+DemoBuyerOrgID+"/credit_batches?status=active&sort_direction=asc&supplier_id="+DemoSupplierAID, DemoBuyerToken, nil)
	if page.Nodes[0].ID != DemoBatchA1Buyer1 {
		t.Errorf("oldest A batch = %s", page.Nodes[0].ID)
	}
	bal := e.reg.CreditBalance(DemoBuyerOrgID)
	if bal.Total.ActiveCreditsTotal.CreditKgs != 57250 || bal.Total.RetiredCreditsTotal.CreditKgs != 3000 {
		t.Errorf("buyer balance = %+v", bal.Total)
	}
}

func TestRetirementSplitsBatch(t *testing.T) {
	e := newEnv(t, nil)
	parentBefore := e.batch(DemoBatchA1Buyer2)
	ret := ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken,
		retireBody(DemoBuyerOrgID, DemoBeneficiaryOrgID, DemoSupplierAID, q(DemoBatchA1Buyer2, 4500)))
	if !strings.HasPrefix(ret.ID, "ret_") || len(ret.ID) != 20 {
		t.Errorf("retirement id %q", ret.ID)
	}
	if ret.URL != "https://to.isometric.com/"+ret.ID {
		t.Errorf("url %q", ret.URL)
	}
	if ret.CreditBatchSizeTotal.CreditKgs != 4500 || ret.CreditBatchSizeTotal.Credits.String() != "4.500" {
		t.Errorf("total %+v", ret.CreditBatchSizeTotal)
	}
	parent := e.batch(DemoBatchA1Buyer2)
	if parent.Status != client.CreditBatchStatusSplit || parent.LeftChildID == nil || parent.RightChildID == nil {
		t.Fatalf("parent not split: %+v", parent)
	}
	left, right := e.batch(*parent.LeftChildID), e.batch(*parent.RightChildID)
	if left.Size.CreditKgs != 4500 || right.Size.CreditKgs != 8000 {
		t.Errorf("children sizes %d / %d", left.Size.CreditKgs, right.Size.CreditKgs)
	}
	if left.Status != client.CreditBatchStatusRetired || left.RetirementID == nil || *left.RetirementID != ret.ID ||
		left.RetiredAt == nil || left.Beneficiary == nil || left.Beneficiary.ID != DemoBeneficiaryOrgID {
		t.Errorf("left child: %+v", left)
	}
	if right.Status != client.CreditBatchStatusActive || right.Owner.ID != DemoBuyerOrgID || right.RetirementID != nil {
		t.Errorf("right child: %+v", right)
	}
	for _, c := range []client.CreditBatch{left, right} {
		if c.ParentID == nil || *c.ParentID != parent.ID || c.SupplierID != parentBefore.SupplierID || c.ProjectID != parentBefore.ProjectID ||
			c.IssuanceID != parentBefore.IssuanceID || c.SequesteredOn != parentBefore.SequesteredOn || c.IssuedAt != parentBefore.IssuedAt ||
			c.DeliveryID == nil || *c.DeliveryID != DemoDeliveryA1ID || c.RemovalID != parentBefore.RemovalID || len(c.ID) != 20 {
			t.Errorf("child does not keep the parent's provenance: %+v", c)
		}
	}
	pp, ps, pe, _ := parseSerial(parent.SerialNumber)
	lp, ls, le, _ := parseSerial(left.SerialNumber)
	rp, rs, re, _ := parseSerial(right.SerialNumber)
	if lp != pp || rp != pp || ls != ps || le != ps+4500 || rs != le || re != pe {
		t.Errorf("serials: parent %s left %s right %s", parent.SerialNumber, left.SerialNumber, right.SerialNumber)
	}
	// The retirement's batches are the retired child; the parent is unusable.
	rb := ok[client.List[client.CreditBatch]](e, "GET", "/retirements/"+ret.ID+"/credit_batches", DemoBuyerToken, nil)
	if rb.TotalCount != 1 || rb.Nodes[0].ID != left.ID {
		t.Errorf("retirement batches %+v", rb)
	}
	d := unprocessable(e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer2, 1)))
	if !strings.Contains(d[0].Msg, "split") {
		t.Errorf("retiring a split parent: %+v", d)
	}
	// A whole-batch retirement does not split.
	ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 5000)))
	if b := e.batch(DemoBatchA1Buyer1); b.Status != client.CreditBatchStatusRetired || b.LeftChildID != nil {
		t.Errorf("whole batch: %+v", b)
	}
	e.checkConsistency()
}

func TestBalancesAddUpAfterEachTransaction(t *testing.T) {
	e := newEnv(t, nil)
	e.checkConsistency()
	ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierBID, q(DemoBatchB1Buyer1, 1234), q(DemoBatchB1Buyer2, 7250)))
	e.checkConsistency()
	ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBeneficiaryOrgID, DemoSupplierAID, 7777))
	e.checkConsistency()
	ok[client.Transfer](e, "POST", "/transfers", DemoBuyerToken, transferBody(DemoBuyerOrgID, DemoPartnerOrgID, DemoSupplierAID, q(DemoBatchA2Buyer1, 2500)))
	e.checkConsistency()
	ok[client.Delivery](e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier1, 12345)))
	e.checkConsistency()
	bal := e.reg.CreditBalance(DemoBuyerOrgID)
	// 57 250 active - 8 484 retired by batch - 7 777 oldest-first - 2 500 transferred + 12 345 delivered
	if got, want := bal.Total.ActiveCreditsTotal.CreditKgs, int64(57250-1234-7250-7777-2500+12345); got != want {
		t.Errorf("buyer active = %d, want %d", got, want)
	}
	if got, want := bal.Total.RetiredCreditsTotal.CreditKgs, int64(3000+1234+7250+7777); got != want {
		t.Errorf("buyer retired = %d, want %d", got, want)
	}
	// The partner received 2 500 kg in a new child batch.
	pb := e.reg.CreditBalance(DemoPartnerOrgID)
	if pb.Total.ActiveCreditsTotal.CreditKgs != 4000+2500 {
		t.Errorf("partner active = %d", pb.Total.ActiveCreditsTotal.CreditKgs)
	}
	// The beneficiary sees the retirement made on its behalf.
	bb := e.reg.CreditBalance(DemoBeneficiaryOrgID)
	if bb.Total.RetiredCreditsTotal.CreditKgs != 1000+7777 {
		t.Errorf("beneficiary retired = %d", bb.Total.RetiredCreditsTotal.CreditKgs)
	}
}

func TestTransferChangesOwner(t *testing.T) {
	e := newEnv(t, nil)
	tr := ok[client.Transfer](e, "POST", "/transfers", DemoBuyerToken, transferBody(DemoBuyerOrgID, DemoPartnerOrgID, DemoSupplierBID, q(DemoBatchB1Buyer2, 7250), q(DemoBatchB1Buyer1, 1)))
	if !strings.HasPrefix(tr.ID, "tfr_") || len(tr.ID) != 20 || tr.CreditBatchSizeTotal.CreditKgs != 7251 || tr.ToOrganisation.ID != DemoPartnerOrgID {
		t.Errorf("transfer %+v", tr)
	}
	if b := e.batch(DemoBatchB1Buyer2); b.Owner.ID != DemoPartnerOrgID || b.Status != client.CreditBatchStatusActive {
		t.Errorf("whole batch after transfer: %+v", b)
	}
	p := e.batch(DemoBatchB1Buyer1)
	if l, r := e.batch(*p.LeftChildID), e.batch(*p.RightChildID); l.Owner.ID != DemoPartnerOrgID || r.Owner.ID != DemoBuyerOrgID || l.Size.CreditKgs != 1 {
		t.Errorf("split transfer: left %+v right %+v", l, r)
	}
	// Both parties see it; the stranger's partner view is a 403 for others.
	ok[client.Transfer](e, "GET", "/transfers/"+tr.ID, DemoPartnerToken, nil)
	if status, _ := e.call("GET", "/transfers/"+tr.ID, DemoSupplierAToken, nil); status != http.StatusForbidden {
		t.Errorf("supplier A reading the buyer's transfer: %d", status)
	}
	e.checkConsistency()
}

func TestBusinessRuleRefusals(t *testing.T) {
	type tc struct {
		name, method, path, token string
		body                      any
		loc, msg                  string
	}
	cases := []tc{
		{"retire: owner is not the acting organisation", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoPartnerOrgID, DemoPartnerOrgID, DemoSupplierAID, q(DemoBatchA1Partner, 10)), "body.owner_organisation_id", DemoBuyerOrgID},
		{"retire: batch not found", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10), q("ctb_1NOSUCHBATCH00001", 10)), "body.credit_batch_quantities.1.credit_batch_id", "ctb_1NOSUCHBATCH00001 not found"},
		{"retire: batch not owned", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Partner, 10)), "body.credit_batch_quantities.0.credit_batch_id", DemoPartnerOrgID},
		{"retire: batch not active (retired)", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Retired, 10)), "body.credit_batch_quantities.0.credit_batch_id", "retired"},
		{"retire: batch not active (split)", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierBID, q(DemoBatchB1Split, 10)), "body.credit_batch_quantities.0.credit_batch_id", "split"},
		{"retire: batch too small", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 5001)), "body.credit_batch_quantities.0.credit_quantity_kg", "holds 5000 kg (5.000 credits); cannot retire 5001 kg"},
		{"retire: wrong supplier", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10), q(DemoBatchB1Buyer1, 10)), "body.credit_batch_quantities.1.credit_batch_id", DemoSupplierBID},
		{"retire: batch listed twice", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10), q(DemoBatchA1Buyer1, 10)), "body.credit_batch_quantities.1.credit_batch_id", "more than once"},
		{"retire: beneficiary not allowed", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoStrangerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10)), "body.beneficiary_organisation_id", DemoStrangerOrgID},
		{"retire: unknown supplier", "POST", "/retirements", DemoBuyerToken,
			retireBody(DemoBuyerOrgID, DemoBuyerOrgID, "spl_1NOSUCHSUPPLIER01", q(DemoBatchA1Buyer1, 10)), "body.supplier_id", "not found"},
		{"oldest: balance too small", "POST", "/retirements/from_oldest_credits", DemoBuyerToken,
			oldestBody(DemoBuyerOrgID, DemoSupplierAID, 27501), "body.credit_quantity_kg", "27500 kg (27.500 credits)"},
		{"oldest: owner is not the acting organisation", "POST", "/retirements/from_oldest_credits", DemoPartnerToken,
			oldestBody(DemoBuyerOrgID, DemoSupplierAID, 1), "body.owner_organisation_id", DemoPartnerOrgID},
		{"oldest: beneficiary not allowed", "POST", "/retirements/from_oldest_credits", DemoBuyerToken,
			oldestBody(DemoStrangerOrgID, DemoSupplierAID, 1), "body.beneficiary_organisation_id", DemoStrangerOrgID},
		{"transfer: recipient not a transferee", "POST", "/transfers", DemoBuyerToken,
			transferBody(DemoBuyerOrgID, DemoStrangerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10)), "body.to_organisation_id", "not among the transferees"},
		{"transfer: from is not the acting organisation", "POST", "/transfers", DemoPartnerToken,
			transferBody(DemoBuyerOrgID, DemoPartnerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10)), "body.from_organisation_id", DemoPartnerOrgID},
		{"transfer: batch too small", "POST", "/transfers", DemoBuyerToken,
			transferBody(DemoBuyerOrgID, DemoPartnerOrgID, DemoSupplierBID, q(DemoBatchB1Buyer2, 7251)), "body.credit_batch_quantities.0.credit_quantity_kg", "7250 kg"},
		{"transfer of nothing: recipient not a transferee", "POST", "/transfers", DemoBuyerToken,
			transferBody(DemoBuyerOrgID, DemoStrangerOrgID, DemoSupplierBID), "body.to_organisation_id", "not among the transferees"},
		{"delivery: order overfilled", "POST", "/deliveries", DemoSupplierAToken,
			deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier1, 30000), q(DemoBatchA2Supplier2, 10001)), "body.credit_batch_quantities", "40000 kg (40.000 credits) remaining"},
		{"delivery: order of another supplier", "POST", "/deliveries", DemoSupplierAToken,
			deliveryBody(DemoOrderB1ID, q(DemoBatchA2Supplier1, 1)), "body.order_id", DemoSupplierBID},
		{"delivery: completed order", "POST", "/deliveries", DemoSupplierAToken,
			deliveryBody(DemoOrderA1ID, q(DemoBatchA2Supplier1, 1)), "body.order_id", "completed"},
		{"delivery: unknown order", "POST", "/deliveries", DemoSupplierAToken,
			deliveryBody("ord_1NOSUCHORDER00001", q(DemoBatchA2Supplier1, 1)), "body.order_id", "not found"},
		{"delivery: batch not owned by the supplier's organisation", "POST", "/deliveries", DemoSupplierAToken,
			deliveryBody(DemoOrderA2ID, q(DemoBatchA2Buyer1, 1)), "body.credit_batch_quantities.0.credit_batch_id", "owned by organisation " + DemoBuyerOrgID},
		{"delivery: batch of another supplier", "POST", "/deliveries", DemoSupplierBToken,
			deliveryBody(DemoOrderB1ID, q(DemoBatchB1Supplier1, 1)), "body.order_id", "completed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			d := refused(e, c.method, c.path, c.token, c.body)
			if len(d) != 1 || d[0].Type != "value_error" || locString(d[0].Loc) != c.loc || !strings.Contains(d[0].Msg, c.msg) {
				t.Errorf("got %+v, want one value_error at %s containing %q", d, c.loc, c.msg)
			}
		})
	}
}

func TestSchemaValidation(t *testing.T) {
	long := strings.Repeat("x", 257)
	type tc struct {
		name, path, token string
		body              any
		loc, typ          string
	}
	base := func(mod func(m map[string]any)) map[string]any {
		m := retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 10))
		mod(m)
		return m
	}
	oldest := func(mod func(m map[string]any)) map[string]any {
		m := oldestBody(DemoBuyerOrgID, DemoSupplierAID, 10)
		mod(m)
		return m
	}
	cases := []tc{
		{"missing field", "/retirements", DemoBuyerToken, base(func(m map[string]any) { delete(m, "supplier_id") }), "body.supplier_id", "missing"},
		{"missing notes (required, nullable)", "/retirements", DemoBuyerToken, base(func(m map[string]any) { delete(m, "notes") }), "body.notes", "missing"},
		{"wrong type", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["supplier_id"] = 12 }), "body.supplier_id", "string_type"},
		{"id too short", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["owner_organisation_id"] = "org_1" }), "body.owner_organisation_id", "string_too_short"},
		{"id too long", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["owner_organisation_id"] = "org_" + strings.Repeat("A", 40) }), "body.owner_organisation_id", "string_too_long"},
		{"notes too long", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["notes"] = long }), "body.notes", "string_too_long"},
		{"purpose enum", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["retirement_purposes"] = []string{"fun"} }), "body.retirement_purposes.0", "enum"},
		{"purposes minItems", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["retirement_purposes"] = []string{} }), "body.retirement_purposes", "too_short"},
		{"batches minItems", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["credit_batch_quantities"] = []any{} }), "body.credit_batch_quantities", "too_short"},
		{"quantity zero", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["credit_batch_quantities"] = []any{q(DemoBatchA1Buyer1, 0)} }), "body.credit_batch_quantities.0.credit_quantity_kg", "greater_than"},
		{"quantity fractional", "/retirements", DemoBuyerToken, base(func(m map[string]any) {
			m["credit_batch_quantities"] = []any{map[string]any{"credit_batch_id": DemoBatchA1Buyer1, "credit_quantity_kg": 1.5}}
		}), "body.credit_batch_quantities.0.credit_quantity_kg", "int_from_float"},
		{"batch id too short", "/retirements", DemoBuyerToken, base(func(m map[string]any) { m["credit_batch_quantities"] = []any{q("ctb_1", 1)} }), "body.credit_batch_quantities.0.credit_batch_id", "string_too_short"},
		{"vintage too small", "/retirements/from_oldest_credits", DemoBuyerToken, oldest(func(m map[string]any) { m["vintage"] = 1899 }), "body.vintage", "greater_than_equal"},
		{"vintage too large", "/retirements/from_oldest_credits", DemoBuyerToken, oldest(func(m map[string]any) { m["vintage"] = 2101 }), "body.vintage", "less_than_equal"},
		{"oldest quantity negative", "/retirements/from_oldest_credits", DemoBuyerToken, oldest(func(m map[string]any) { m["credit_quantity_kg"] = -5 }), "body.credit_quantity_kg", "greater_than"},
		{"beneficiary email format", "/beneficiary", DemoBuyerToken, map[string]any{"__typename": "CreateIndividualBeneficiary", "beneficiary_name": "Jo", "beneficiary_email": "not-an-email"}, "body.beneficiary_email", "value_error"},
		{"beneficiary name too long", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": long, "beneficiary_domain": "x.com"}, "body.beneficiary_name", "string_too_long"},
		{"delivery order id too short", "/deliveries", DemoSupplierAToken, deliveryBody("ord_1", q(DemoBatchA2Supplier1, 1)), "body.order_id", "string_too_short"},
		{"not JSON", "/transfers", DemoBuyerToken, "{", "body.0", "json_invalid"},
		{"not an object", "/transfers", DemoBuyerToken, "[]", "body", "model_attributes_type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			d := refused(e, "POST", c.path, c.token, c.body)
			found := false
			for _, x := range d {
				if locString(x.Loc) == c.loc && x.Type == c.typ {
					found = true
				}
			}
			if !found {
				t.Errorf("got %+v, want %s at %s", d, c.typ, c.loc)
			}
		})
	}
	// Path IDs are validated too.
	e := newEnv(t, nil)
	d := unprocessable(e, "GET", "/credit_batches/ctb_short", DemoBuyerToken, nil)
	if locString(d[0].Loc) != "path.id" || d[0].Type != "string_too_short" {
		t.Errorf("path id: %+v", d)
	}
	d = unprocessable(e, "GET", "/organisations/"+DemoBuyerOrgID+"/credit_batches?status=gone&supplier_id=spl_1", DemoBuyerToken, nil)
	if len(d) != 2 {
		t.Errorf("query errors: %+v", d)
	}
}

func TestOldestFirstRetirement(t *testing.T) {
	e := newEnv(t, nil)
	// 6 000 kg of supplier A: all of A1Buyer1 (5 000, the oldest) and 1 000 kg of A1Buyer2.
	ret := ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, 6000))
	bs := ok[client.List[client.CreditBatch]](e, "GET", "/retirements/"+ret.ID+"/credit_batches", DemoBuyerToken, nil)
	if bs.TotalCount != 2 || bs.Nodes[0].ID != DemoBatchA1Buyer1 || bs.Nodes[1].ParentID == nil || *bs.Nodes[1].ParentID != DemoBatchA1Buyer2 || bs.Nodes[1].Size.CreditKgs != 1000 {
		t.Fatalf("oldest-first picked %+v", bs.Nodes)
	}
	// Vintage 2025 of supplier A: only A2Buyer1 (issuance A2) qualifies.
	m := oldestBody(DemoBuyerOrgID, DemoSupplierAID, 300)
	m["vintage"] = 2025
	ret = ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, m)
	bs = ok[client.List[client.CreditBatch]](e, "GET", "/retirements/"+ret.ID+"/credit_batches", DemoBuyerToken, nil)
	if bs.TotalCount != 1 || *bs.Nodes[0].ParentID != DemoBatchA2Buyer1 {
		t.Errorf("vintage 2025 picked %+v", bs.Nodes)
	}
	m["vintage"] = 2023
	d := unprocessable(e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, m)
	if locString(d[0].Loc) != "body.credit_quantity_kg" || !strings.Contains(d[0].Msg, "0 kg") || !strings.Contains(d[0].Msg, "vintage 2023") {
		t.Errorf("vintage 2023: %+v", d)
	}
	// order_id A1: the rest of A1Buyer2 (11 500 kg) only.
	m = oldestBody(DemoBuyerOrgID, DemoSupplierAID, 11501)
	m["order_id"] = DemoOrderA1ID
	d = unprocessable(e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, m)
	if !strings.Contains(d[0].Msg, "11500 kg") || !strings.Contains(d[0].Msg, DemoOrderA1ID) {
		t.Errorf("order A1 too much: %+v", d)
	}
	m["credit_quantity_kg"] = 11500
	ret = ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, m)
	if ret.CreditBatchSizeTotal.CreditKgs != 11500 {
		t.Errorf("order A1 retirement %+v", ret)
	}
	m["order_id"] = DemoOrderB1ID
	d = unprocessable(e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, m)
	if locString(d[0].Loc) != "body.order_id" {
		t.Errorf("order of another supplier: %+v", d)
	}
	// Supplier B ties on issued_at are broken by serial number: B1Buyer1 first.
	ret = ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierBID, 20001))
	bs = ok[client.List[client.CreditBatch]](e, "GET", "/retirements/"+ret.ID+"/credit_batches", DemoBuyerToken, nil)
	if bs.Nodes[0].ID != DemoBatchB1Buyer1 || *bs.Nodes[1].ParentID != DemoBatchB1Buyer2 {
		t.Errorf("supplier B order: %+v", bs.Nodes)
	}
	e.checkConsistency()
}

func TestDeliveryFulfilsOrder(t *testing.T) {
	e := newEnv(t, nil)
	d := ok[client.Delivery](e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier1, 30000)))
	if !strings.HasPrefix(d.ID, "dlv_") || d.URL != "https://to.isometric.com/"+d.ID || d.ToOrganisation.ID != DemoBuyerOrgID || d.FromSupplier.ID != DemoSupplierAID {
		t.Errorf("delivery %+v", d)
	}
	b := e.batch(DemoBatchA2Supplier1)
	if b.Owner.ID != DemoBuyerOrgID || b.DeliveryID == nil || *b.DeliveryID != d.ID || b.DeliveredAt == nil {
		t.Errorf("delivered batch %+v", b)
	}
	o := ok[client.Order](e, "GET", "/orders/"+DemoOrderA2ID, DemoBuyerToken, nil)
	if o.Status != client.OrderStatusInProgress || o.CreditsDelivered.CreditKgs != 40000 || o.FulfilledAt != nil {
		t.Errorf("order after partial delivery %+v", o)
	}
	unprocessable(e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier2, 10001)))
	d2 := ok[client.Delivery](e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier2, 10000)))
	o = ok[client.Order](e, "GET", "/orders/"+DemoOrderA2ID, DemoSupplierAToken, nil)
	if o.Status != client.OrderStatusCompleted || o.CreditsDelivered.CreditKgs != 50000 || o.FulfilledAt == nil {
		t.Errorf("order after full delivery %+v", o)
	}
	p := e.batch(DemoBatchA2Supplier2)
	if l, r := e.batch(*p.LeftChildID), e.batch(*p.RightChildID); l.Owner.ID != DemoBuyerOrgID || *l.DeliveryID != d2.ID || r.Owner.ID != DemoSupplierAOrgID || r.DeliveryID != nil {
		t.Errorf("split delivery: %+v / %+v", l, r)
	}
	d3 := unprocessable(e, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(*p.RightChildID, 1)))
	if !strings.Contains(d3[0].Msg, "completed") {
		t.Errorf("delivery to a completed order: %+v", d3)
	}
	// The buyer can filter its batches by the new delivery and by the order.
	page := ok[client.Page[client.CreditBatch]](e, "GET", "/organisations/"+DemoBuyerOrgID+"/credit_batches?order_id="+DemoOrderA2ID, DemoBuyerToken, nil)
	if page.TotalCount != 3 {
		t.Errorf("order A2 batches: %d", page.TotalCount)
	}
	dl := ok[client.Page[client.Delivery]](e, "GET", "/orders/"+DemoOrderA2ID+"/deliveries", DemoBuyerToken, nil)
	if dl.TotalCount != 3 || dl.Nodes[0].ID != d2.ID {
		t.Errorf("order deliveries (newest first): %+v", dl.Nodes)
	}
	e.checkConsistency()
}

func TestBeneficiaryCreation(t *testing.T) {
	e := newEnv(t, nil)
	org := ok[client.Organisation](e, "POST", "/beneficiary", DemoBuyerToken,
		map[string]any{"__typename": "CreateOrganizationBeneficiary", "beneficiary_name": "Acme", "beneficiary_domain": "acme.example"})
	if !strings.HasPrefix(org.ID, "org_") || len(org.ID) != 20 || org.Name != "Acme" || org.Domain == nil || *org.Domain != "acme.example" {
		t.Errorf("organisation beneficiary %+v", org)
	}
	ind := ok[client.Organisation](e, "POST", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": "Jo Bloggs", "beneficiary_email": "jo@example.com"})
	if ind.Domain != nil || ind.Name != "Jo Bloggs" {
		t.Errorf("individual beneficiary %+v", ind)
	}
	status, b := e.call("POST", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": "Jo Bloggs", "beneficiary_email": "jo@example.com"})
	if status != 200 || !strings.Contains(string(b), `"domain":null`) {
		t.Errorf("domain must be an explicit null: %s", b)
	}
	page := ok[client.Page[client.Organisation]](e, "GET", "/beneficiaries", DemoBuyerToken, nil)
	if page.TotalCount != 4 || page.Nodes[1].ID != org.ID || page.Nodes[2].ID != ind.ID {
		t.Errorf("beneficiaries %+v", page.Nodes)
	}
	if got := ok[*client.Organisation](e, "GET", "/organisations/"+org.ID, DemoPartnerToken, nil); got == nil || got.ID != org.ID {
		t.Errorf("GET organisation %+v", got)
	}
	// Now a valid retirement beneficiary for the buyer, but not for the partner.
	ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, org.ID, DemoSupplierAID, q(DemoBatchA1Buyer1, 1)))
	unprocessable(e, "POST", "/retirements", DemoPartnerToken, retireBody(DemoPartnerOrgID, org.ID, DemoSupplierAID, q(DemoBatchA1Partner, 1)))
	d := unprocessable(e, "POST", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": "Nobody"})
	if len(d) < 2 {
		t.Errorf("neither domain nor email: %+v", d)
	}
}

func TestAuth(t *testing.T) {
	e := newEnv(t, nil)
	path := APIPrefix + "/organisation"
	for name, h := range map[string]map[string]string{
		"no secret":    {"Authorization": "Bearer " + DemoBuyerToken},
		"wrong secret": {"X-Client-Secret": "nope", "Authorization": "Bearer " + DemoBuyerToken},
		"no token":     {"X-Client-Secret": DemoClientSecret},
		"bad scheme":   {"X-Client-Secret": DemoClientSecret, "Authorization": "Basic abc"},
		"wrong token":  {"X-Client-Secret": DemoClientSecret, "Authorization": "Bearer nope"},
	} {
		status, b := e.raw("GET", path, h, nil)
		if status != http.StatusUnauthorized || !strings.Contains(string(b), `"detail":"`) {
			t.Errorf("%s: %d %s", name, status, b)
		}
	}
	if o := ok[client.Organisation](e, "GET", "/organisation", DemoSupplierBToken, nil); o.ID != DemoSupplierBOrgID {
		t.Errorf("supplier B token acts as %s", o.ID)
	}
	forbiddenCases := []struct{ method, path, token string }{
		{"GET", "/organisations/" + DemoBuyerOrgID + "/credit_balance", DemoPartnerToken},
		{"GET", "/organisations/" + DemoBuyerOrgID + "/credit_batches", DemoPartnerToken},
		{"GET", "/organisations/" + DemoBuyerOrgID + "/orders", DemoSupplierAToken},
		{"GET", "/retirements/" + DemoRetirementID, DemoPartnerToken},
		{"GET", "/retirements/" + DemoRetirementID + "/credit_batches", DemoSupplierAToken},
		{"GET", "/deliveries/" + DemoDeliveryB1ID, DemoSupplierAToken},
		{"GET", "/orders/" + DemoOrderB1ID, DemoSupplierAToken},
		{"GET", "/refunds/" + DemoRefundID, DemoPartnerToken},
		{"GET", "/transfers/" + DemoTransferID, DemoSupplierBToken},
		{"GET", "/supplier", DemoBuyerToken},
		{"GET", "/stripe/configuration", DemoBuyerToken},
		{"POST", "/stripe/checkout", DemoBuyerToken},
		{"POST", "/deliveries", DemoBuyerToken},
	}
	for _, c := range forbiddenCases {
		status, b := e.call(c.method, c.path, c.token, map[string]any{})
		if c.method == "GET" {
			status, b = e.call(c.method, c.path, c.token, nil)
		}
		if status != http.StatusForbidden || !strings.Contains(string(b), `"detail":"`) {
			t.Errorf("%s %s: %d %s", c.method, c.path, status, b)
		}
	}
	// The beneficiary of a retirement may read it; a delivery is visible to the supplier.
	ok[client.Retirement](e, "GET", "/retirements/"+DemoRetirementB1ID, DemoBuyerToken, nil)
	ok[client.Delivery](e, "GET", "/deliveries/"+DemoDeliveryA1ID, DemoSupplierAToken, nil)
	// Lists only show what the acting organisation may see.
	if p := ok[client.Page[client.Retirement]](e, "GET", "/retirements", DemoPartnerToken, nil); p.TotalCount != 0 {
		t.Errorf("partner sees %d retirements", p.TotalCount)
	}
	// Stripe: supplier A configured, supplier B 404.
	cfg := ok[client.SupplierStripeConfiguration](e, "GET", "/stripe/configuration", DemoSupplierAToken, nil)
	if cfg.ID != DemoStripeConfigID {
		t.Errorf("stripe config %+v", cfg)
	}
	if status, _ := e.call("GET", "/stripe/configuration", DemoSupplierBToken, nil); status != http.StatusNotFound {
		t.Errorf("supplier B stripe: %d", status)
	}
}

func TestNotFoundAndNull(t *testing.T) {
	e := newEnv(t, nil)
	status, b := e.call("GET", "/credit_batches/ctb_1NOSUCHBATCH00001", DemoBuyerToken, nil)
	if status != 404 || strings.TrimSpace(string(b)) != `{"detail":"Credit batch ctb_1NOSUCHBATCH00001 not found"}` {
		t.Errorf("unknown batch: %d %s", status, b)
	}
	for _, p := range []string{"/retirements/ret_1NOSUCHRETIREMEN1", "/transfers/tfr_1NOSUCHTRANSFER01", "/deliveries/dlv_1NOSUCHDELIVERY01",
		"/orders/ord_1NOSUCHORDER00001", "/refunds/bpr_1NOSUCHREFUND0001", "/issuances/iss_1NOSUCHISSUANCE01"} {
		if status, _ := e.call("GET", p, DemoBuyerToken, nil); status != 404 {
			t.Errorf("%s: %d", p, status)
		}
	}
	if status, b := e.call("DELETE", "/retirements/"+DemoRetirementID, DemoBuyerToken, nil); status != 405 || !strings.Contains(string(b), "detail") {
		t.Errorf("DELETE: %d %s", status, b)
	}
	if status, b := e.call("GET", "/no/such/path", DemoBuyerToken, nil); status != 404 || !strings.Contains(string(b), "detail") {
		t.Errorf("unknown path: %d %s", status, b)
	}
	for _, p := range []string{"/organisations/org_1NOSUCHORG00000001", "/projects/prj_1NOSUCHPROJECT01", "/suppliers/spl_1NOSUCHSUPPLIER01"} {
		status, b := e.call("GET", p, DemoBuyerToken, nil)
		if status != 200 || strings.TrimSpace(string(b)) != "null" {
			t.Errorf("%s: %d %s", p, status, b)
		}
	}
}

func TestCreditQuantityFormatting(t *testing.T) {
	for kg, want := range map[int64]string{0: "0.000", 1: "0.001", 999: "0.999", 1000: "1.000", 12345: "12.345", 9007199254740993: "9007199254740.993", -1500: "-1.500"} {
		if got := quantity(kg).Credits.String(); got != want {
			t.Errorf("quantity(%d) = %s, want %s", kg, got, want)
		}
	}
}
