package localregistry

import (
	"fmt"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// ScaleOptions size the world of ScaleSeed.
type ScaleOptions struct {
	// Batches is the number of extra active batches of the demo buyer.
	Batches int
	// BatchKg is the size of every extra batch (0 = 1000 kg).
	BatchKg int64
	// Retirements adds that many retirements by the buyer for itself, each retiring one more
	// extra batch whole.
	Retirements int
	// Transfers adds that many transfers from the buyer to the partner, each moving one more
	// extra batch whole.
	Transfers int
}

// IDs of the records ScaleSeed adds.
const (
	// ScaleOrderID is the buyer's completed order from supplier A that delivered every extra batch.
	ScaleOrderID = "ord_1SCALEORDER00000001"
	// ScaleSerialPrefix starts the serial numbers of the extra batches.
	ScaleSerialPrefix = "ISO-1-SCALE-USA-0A09-2025"
	// ScaleFirstIssuedAt is the issued_at of the first extra batch; each next one is a minute later.
	ScaleFirstIssuedAt = "2026-01-01T00:00:00Z"
	// scaleBatchesPerDelivery is how many extra batches one delivery of ScaleOrderID brings.
	scaleBatchesPerDelivery = 100
	scaleSerialStart        = 100000000
)

// ScaleBatchID is the ID of the extra batch i of ScaleSeed (0-based): the Batches active ones
// come first, then the retired ones, then the transferred ones.
func ScaleBatchID(i int) string { return fmt.Sprintf("ctb_1SCALEBATCH%09d", i) }

// ScaleIssuanceID is the ID of the issuance of extra batch i (one issuance per batch).
func ScaleIssuanceID(i int) string { return fmt.Sprintf("iss_1SCALEISSUE%09d", i) }

// ScaleSeed is the demo world (DemoSeed) plus o.Batches active batches of o.BatchKg owned by the
// demo buyer (DemoBuyerOrgID) from supplier A (DemoSupplierAID, project A2), and the batches of
// o.Retirements retirements and o.Transfers transfers. Extra batch i has its own issuance, issued
// ScaleFirstIssuedAt + i minutes (after every demo batch, so oldest-first retirements still take
// the demo batches first), the serial range ScaleSerialPrefix-(100000000+i*kg)-(100000000+(i+1)*kg)
// and vintage 2025; the extra batches reach the buyer through deliveries of 100 batches each
// against the completed order ScaleOrderID. The seed validates; the world is built in linear time.
func ScaleSeed(o ScaleOptions) *Seed {
	s := DemoSeed()
	kg := o.BatchKg
	if kg <= 0 {
		kg = 1000
	}
	n := o.Batches + o.Retirements + o.Transfers
	if n <= 0 {
		return s
	}
	first := ts(ScaleFirstIssuedAt)
	order := &SeedOrder{ID: ScaleOrderID, SupplierID: DemoSupplierAID, BuyerOrganisationID: DemoBuyerOrgID,
		EffectiveContractDate: "2025-12-01", PlacedAt: ts("2025-12-01T09:00:00Z"), CreditsOrderedKg: int64(n) * kg,
		Status: client.OrderStatusCompleted}
	s.Orders = append(s.Orders, order)
	s.Issuances = append(make([]*SeedIssuance, 0, len(s.Issuances)+n), s.Issuances...)
	s.CreditBatches = append(make([]*SeedCreditBatch, 0, len(s.CreditBatches)+n), s.CreditBatches...)
	var d *SeedDelivery
	for i := 0; i < n; i++ {
		issued := first.Add(time.Duration(i) * time.Minute)
		is := &SeedIssuance{ID: ScaleIssuanceID(i), SupplierID: DemoSupplierAID, ProjectID: DemoProjectA2ID, IssuedAt: issued,
			ReportingPeriodStartAt: "2025-07-01", ReportingPeriodEndAt: "2025-09-30"}
		s.Issuances = append(s.Issuances, is)
		if i%scaleBatchesPerDelivery == 0 {
			d = &SeedDelivery{ID: fmt.Sprintf("dlv_1SCALEDELIV%09d", i/scaleBatchesPerDelivery), OrderID: order.ID,
				CreditBatchIDs: make([]string, 0, min(scaleBatchesPerDelivery, n-i))}
			s.Deliveries = append(s.Deliveries, d)
		}
		start := scaleSerialStart + int64(i)*kg
		b := &SeedCreditBatch{ID: ScaleBatchID(i), IssuanceID: is.ID, SerialNumber: fmt.Sprintf("%s-%d-%d", ScaleSerialPrefix, start, start+kg),
			SizeKg: kg, Status: client.CreditBatchStatusActive, OwnerOrganisationID: DemoBuyerOrgID, RemovalID: "rmv_1SCALEREMOVAL0001",
			SequesteredOn: "2025-08-01", CountryOfIssue: "USA", CCPApproved: true, CarbonRemovalData: removalData(kg), DeliveryID: strPtr(d.ID)}
		s.CreditBatches = append(s.CreditBatches, b)
		d.CreditBatchIDs = append(d.CreditBatchIDs, b.ID)
		// Delivered an hour after the issuance of its last batch.
		d.DeliveredAt = issued.Add(time.Hour)
		after := issued.Add(2 * time.Hour)
		switch j := i - o.Batches; {
		case j < 0:
		case j < o.Retirements:
			r := &SeedRetirement{ID: fmt.Sprintf("ret_1SCALERETIRE%09d", j), OwnerOrganisationID: DemoBuyerOrgID,
				BeneficiaryOrganisationID: DemoBuyerOrgID, SupplierID: DemoSupplierAID,
				Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}, RetiredAt: after, CreditBatchIDs: []string{b.ID}}
			b.Status, b.RetirementID = client.CreditBatchStatusRetired, strPtr(r.ID)
			s.Retirements = append(s.Retirements, r)
		default:
			t := &SeedTransfer{ID: fmt.Sprintf("tfr_1SCALETRANSF%09d", j-o.Retirements), FromOrganisationID: DemoBuyerOrgID,
				ToOrganisationID: DemoPartnerOrgID, SupplierID: DemoSupplierAID, TransferredAt: after, CreditBatchIDs: []string{b.ID}}
			b.OwnerOrganisationID = DemoPartnerOrgID
			s.Transfers = append(s.Transfers, t)
		}
	}
	fulfilled := d.DeliveredAt
	order.FulfilledAt = &fulfilled
	return s
}
