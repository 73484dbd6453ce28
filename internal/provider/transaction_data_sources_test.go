package provider

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// Helpers shared by the tests of the transaction data sources (order, delivery, transfer,
// retirement, refund, Stripe configuration, ICR retirements and their lists).

// txBlock renders `data "<typ>" "test" { <body> }`.
func txBlock(typ, body string) string {
	return fmt.Sprintf("\ndata %q \"test\" {\n%s\n}\n", typ, body)
}

// txExpect checks the attribute at path of data.<typ>.test.
func txExpect(typ string, path tfjsonpath.Path, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data."+typ+".test", path, check)
}

// txPath is tfjsonpath for a top-level attribute followed by nested object keys.
func txPath(name string, keys ...string) tfjsonpath.Path {
	p := tfjsonpath.New(name)
	for _, k := range keys {
		p = p.AtMapKey(k)
	}
	return p
}

// decimal parses an exact decimal for knownvalue.NumberExact.
func txDecimal(t *testing.T, s string) *big.Float {
	t.Helper()
	f := decimalNumber(s)
	if f == nil {
		t.Fatalf("bad decimal %q", s)
	}
	return f
}

// txQuantity expects a {kg, tonnes} object.
func txQuantity(t *testing.T, kg int64, tonnes string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"kg":     knownvalue.Int64Exact(kg),
		"tonnes": knownvalue.NumberExact(txDecimal(t, tonnes)),
	})
}

// txAPIQuantity expects the {kg, tonnes} object of a quantity as the registry sent it.
func txAPIQuantity(t *testing.T, q client.CreditQuantity) knownvalue.Check {
	return txQuantity(t, q.CreditKgs, q.Credits.String())
}

// txOptString expects a nullable string.
func txOptString(s *string) knownvalue.Check {
	if s == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*s)
}

// txOrg expects an organisation object as the registry sent it.
func txOrg(o client.Organisation) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":     knownvalue.StringExact(o.ID),
		"name":   knownvalue.StringExact(o.Name),
		"domain": txOptString(o.Domain),
	})
}

// txSeedOrg expects the seed's organisation id.
func txSeedOrg(t *testing.T, seed *localregistry.Seed, id string) knownvalue.Check {
	t.Helper()
	o := txFindSeed(t, seed.Organisations, "organisation", id, func(o *localregistry.SeedOrganisation) string { return o.ID })
	return txOrg(client.Organisation{ID: o.ID, Name: o.Name, Domain: o.Domain})
}

// txFindSeed returns the record of the seed with the given id, failing the test if there is none.
func txFindSeed[T any](t *testing.T, items []*T, kind, id string, idOf func(*T) string) *T {
	t.Helper()
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	t.Fatalf("the demo seed has no %s %s", kind, id)
	return nil
}

// txFindRecord returns the registry record with the given id (from a read-only view of the registry).
func txFindRecord[T any](t *testing.T, items []T, kind, id string, idOf func(T) string) T {
	t.Helper()
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	t.Fatalf("the local registry has no %s %s", kind, id)
	var zero T
	return zero
}

// creditBatchIDsCheck expects the credit_batches list to hold exactly these batches, in order,
// each as the registry reports it now (id, status, size, owner, and the link to the transaction).
func txCreditBatches(t *testing.T, reg *testRegistry, ids []string, link func(b client.CreditBatch) map[string]knownvalue.Check) knownvalue.Check {
	t.Helper()
	checks := make([]knownvalue.Check, 0, len(ids))
	for _, id := range ids {
		b, ok := reg.Registry.CreditBatch(id)
		if !ok {
			t.Fatalf("the local registry has no credit batch %s", id)
		}
		c := map[string]knownvalue.Check{
			"id":            knownvalue.StringExact(b.ID),
			"serial_number": knownvalue.StringExact(b.SerialNumber),
			"status":        knownvalue.StringExact(string(b.Status)),
			"size":          txAPIQuantity(t, b.Size),
			"issued_at":     knownvalue.StringExact(b.IssuedAt),
			"supplier_id":   knownvalue.StringExact(b.SupplierID),
			"project_id":    knownvalue.StringExact(b.ProjectID),
			"issuance_id":   knownvalue.StringExact(b.IssuanceID),
			"owner":         txOrg(b.Owner),
		}
		for k, v := range link(b) {
			c[k] = v
		}
		checks = append(checks, knownvalue.ObjectPartial(c))
	}
	return knownvalue.ListExact(checks)
}

// txRFC3339 expects want, and checks that it is an RFC 3339 timestamp.
func txRFC3339(want string) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		if _, err := time.Parse(time.RFC3339, got); err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp: %w", got, err)
		}
		if got != want {
			return fmt.Errorf("got %q, want %q", got, want)
		}
		return nil
	})
}

// txByIDSteps are the error steps every by-ID data source shares: an unknown ID is an error naming
// the ID and the registry the provider is connected to; a malformed ID is rejected statically.
func txByIDSteps(reg *testRegistry, typ, kind, missingID, badID string) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, fmt.Sprintf("id = %q", missingID)),
			ExpectError: errorFor(fmt.Sprintf("Cannot read %s %q", kind, missingID), "404 Not Found", "endpoint "+reg.APIEndpoint),
		},
		{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, fmt.Sprintf("id = %q", badID)),
			ExpectError: errorFor(fmt.Sprintf("Invalid %s ID %q", kind, badID), "starts with", "20 to 37 characters"),
		},
	}
}

// txReadStep reads the by-ID data source typ of id with the buyer's token: checks hold, and nothing is written.
func txReadStep(reg *testRegistry, typ, id string, checks ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{
		Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, fmt.Sprintf("id = %q", id)),
		ConfigStateChecks: checks,
		Check:             checkNoWrites(reg),
	}
}

// txByIDTest runs the error steps of the by-ID data source typ (txByIDSteps), then steps.
func txByIDTest(t *testing.T, reg *testRegistry, typ, kind, missingID, badID string, steps ...resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    append(txByIDSteps(reg, typ, kind, missingID, badID), steps...),
	})
}

// txBatchesKg is the total size of the seed's credit batches ids.
func txBatchesKg(t *testing.T, seed *localregistry.Seed, ids []string) int64 {
	var kg int64
	for _, id := range ids {
		kg += txFindSeed(t, seed.CreditBatches, "credit batch", id, func(b *localregistry.SeedCreditBatch) string { return b.ID }).SizeKg
	}
	return kg
}

// txRFC3339Time expects an RFC 3339 timestamp of the instant want.
func txRFC3339Time(want time.Time) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		at, err := time.Parse(time.RFC3339, got)
		if err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp: %w", got, err)
		}
		if !at.Equal(want) {
			return fmt.Errorf("got %s, want %s", got, want.Format(time.RFC3339Nano))
		}
		return nil
	})
}

// txExpectAttributes checks top-level attributes of data.<typ>.test, one state check per attribute.
func txExpectAttributes(typ string, checks map[string]knownvalue.Check) []statecheck.StateCheck {
	names := make([]string, 0, len(checks))
	for name := range checks {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]statecheck.StateCheck, 0, len(names))
	for _, name := range names {
		out = append(out, txExpect(typ, txPath(name), checks[name]))
	}
	return out
}

// txCount is how many records of each kind txPagedSeed adds: more than one page (client.MaxPageSize).
const txCount = 60

// txID is the i-th generated ID of a kind, e.g. ret_1TXRET000000000007.
func txID(prefix, kind string, i int) string { return fmt.Sprintf("%s1TX%s%012d", prefix, kind, i) }

// txBase is the time of the first generated record; record i is i hours later.
var txBase = time.Date(2022, 3, 3, 3, 3, 3, 0, time.UTC)

// txPagedSeed is pagedSeed (the demo world plus a paged supplier with txCount issuances) plus,
// from that supplier, txCount of each: retirements by the buyer (odd ones on behalf of
// DemoBeneficiaryOrgID, even ones for itself), transfers (odd: buyer to partner, even: partner to
// buyer), deliveries to the buyer against one order (txID("ord_", "DLV", 0)), orders of the buyer;
// and the paged organisations as beneficiaries and transferees of the buyer. Record i is of i
// hours after txBase and holds 10*i+1 kg; ICR gets txCount retirements of DemoICREntityID with
// amounts beyond float64 precision.
func txPagedSeed(t *testing.T) *localregistry.Seed {
	t.Helper()
	s := pagedSeed(t)
	buyer := localregistry.DemoBuyerOrgID
	batch := func(kind string, i int, owner string) *localregistry.SeedCreditBatch {
		start := int64(i) * 1000
		b := &localregistry.SeedCreditBatch{
			ID: txID("ctb_", kind, i), IssuanceID: pagedID("iss_", i), SizeKg: txKg(i), Status: client.CreditBatchStatusActive,
			SerialNumber:        fmt.Sprintf("ISO-1-TX%s-USA-0001-2022-%d-%d", kind, start, start+txKg(i)),
			OwnerOrganisationID: owner, RemovalID: txID("rem_", kind, i), SequesteredOn: "2022-06-01", CountryOfIssue: "USA",
		}
		s.CreditBatches = append(s.CreditBatches, b)
		return b
	}
	deliveryOrder := txID("ord_", "DLV", 0)
	s.Orders = append(s.Orders, &localregistry.SeedOrder{
		ID: deliveryOrder, SupplierID: pagedSupplierID, BuyerOrganisationID: buyer, EffectiveContractDate: "2022-01-01",
		PlacedAt: txBase, CreditsOrderedKg: 1_000_000, Status: client.OrderStatusInProgress,
	})
	var buyerOrg *localregistry.SeedOrganisation
	for _, o := range s.Organisations {
		if o.ID == buyer {
			buyerOrg = o
		}
	}
	if s.ICR == nil {
		s.ICR = &localregistry.SeedICR{Token: localregistry.DemoICRToken}
	}
	template := *txSeedICRRetirement(t, s, localregistry.DemoICRRetirementID)
	for i := 1; i <= txCount; i++ {
		at := txBase.Add(time.Duration(i) * time.Hour)

		ret := txID("ret_", "RET", i)
		rb := batch("RET", i, buyer)
		rb.Status, rb.RetirementID = client.CreditBatchStatusRetired, &ret
		beneficiary := buyer
		if i%2 == 1 {
			beneficiary = localregistry.DemoBeneficiaryOrgID
		}
		s.Retirements = append(s.Retirements, &localregistry.SeedRetirement{
			ID: ret, OwnerOrganisationID: buyer, BeneficiaryOrganisationID: beneficiary, SupplierID: pagedSupplierID,
			Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}, RetiredAt: at, CreditBatchIDs: []string{rb.ID},
		})

		from, to := buyer, localregistry.DemoPartnerOrgID
		if i%2 == 0 {
			from, to = to, from
		}
		s.Transfers = append(s.Transfers, &localregistry.SeedTransfer{
			ID: txID("tfr_", "TFR", i), FromOrganisationID: from, ToOrganisationID: to, SupplierID: pagedSupplierID,
			TransferredAt: at, CreditBatchIDs: []string{batch("TFR", i, to).ID},
		})

		dlv := txID("dlv_", "DLV", i)
		db := batch("DLV", i, buyer)
		db.DeliveryID = &dlv
		s.Deliveries = append(s.Deliveries, &localregistry.SeedDelivery{ID: dlv, OrderID: deliveryOrder, DeliveredAt: at, CreditBatchIDs: []string{db.ID}})

		s.Orders = append(s.Orders, &localregistry.SeedOrder{
			ID: txID("ord_", "ORD", i), SupplierID: pagedSupplierID, BuyerOrganisationID: buyer, EffectiveContractDate: "2022-01-01",
			PlacedAt: at, CreditsOrderedKg: txKg(i), Status: client.OrderStatusPlaced,
		})

		buyerOrg.Beneficiaries = append(buyerOrg.Beneficiaries, pagedID("org_", i))
		buyerOrg.Transferees = append(buyerOrg.Transferees, pagedID("org_", i))

		icr := template
		icr.ID = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		icr.CreatedAt = at.Format("2006-01-02T15:04:05.000Z")
		icr.Serialization = fmt.Sprintf("ICR-TX-%d", i)
		icr.Amount = json.Number(fmt.Sprintf("12345678901234567.%03d", i))
		s.ICR.Retirements = append(s.ICR.Retirements, &icr)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("txPagedSeed: %v", err)
	}
	return s
}

// txKg is the size of the i-th generated record.
func txKg(i int) int64 { return int64(i)*10 + 1 }

// txNewestFirst orders records as the registry lists them: most recent first, and among equal
// times the later seed entry first.
func txNewestFirst[T any](items []*T, keep func(*T) bool, at func(*T) time.Time) []*T {
	var out []*T
	for i := len(items) - 1; i >= 0; i-- {
		if keep(items[i]) {
			out = append(out, items[i])
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return at(out[a]).After(at(out[b])) })
	return out
}

// txIDs maps records to their IDs.
func txIDs[T any](items []*T, id func(*T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

// txSeedList is one kind of seed record as a list data source reads it: newest first (txNewestFirst),
// by ID, with the total size of the credit batches each names.
type txSeedList[T any] struct {
	t    *testing.T
	seed *localregistry.Seed
	// items are the seed's records of the kind; at is the time the registry orders them by.
	items []*T
	at    func(*T) time.Time
	id    func(*T) string
	// batches (nil where the kind names no credit batches) are the IDs of a record's credit batches.
	batches func(*T) []string
}

// list is the records that keep accepts, in the registry's order.
func (l txSeedList[T]) list(keep func(*T) bool) []*T { return txNewestFirst(l.items, keep, l.at) }

// ids are the IDs of xs.
func (l txSeedList[T]) ids(xs []*T) []string { return txIDs(xs, l.id) }

// sumKg is the total size of the seed's credit batches that xs name.
func (l txSeedList[T]) sumKg(xs []*T) int64 {
	var kg int64
	for _, x := range xs {
		kg += txBatchesKg(l.t, l.seed, l.batches(x))
	}
	return kg
}

// txListChecks expects list attribute records of address to hold exactly ids, in order, with
// total_count = the number of ids when all were read (limit 0) or total otherwise.
func txListChecks(address, records string, ids []string, total int) []statecheck.StateCheck {
	return append(expectCount(address, records, len(ids), total), expectIDs(address, records, ids, true))
}

// txTotalCheck expects the `total` quantity of a transaction list.
func txTotalCheck(address string, kg int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("total"), quantityCheck(kg))
}

// txPages is the number of pages of client.MaxPageSize holding n records (at least one).
func txPages(n int) int {
	if n == 0 {
		return 1
	}
	return (n + client.MaxPageSize - 1) / client.MaxPageSize
}

func TestTxPagedSeedIsValid(t *testing.T) {
	s := txPagedSeed(t)
	if got := len(s.Retirements); got < txCount {
		t.Fatalf("txPagedSeed has %d retirements, want at least %d", got, txCount)
	}
}
